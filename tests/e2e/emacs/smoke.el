;;; smoke.el --- by-hand smoke test of the README's eglot snippet (not run by CI)
;; apt-get install emacs-nox elpa-eglot    (Debian 12: Emacs 28.2, eglot 1.9)
;; HOME=$(mktemp -d) PATH=target/release:$PATH emacs --batch -Q -l tests/e2e/emacs/smoke.el tests/e2e/drafts/gaps.en.res.md
;; Exits 0 when eglot connected and flymake got the numbering-gap and footnote-undefined diagnostics.

;; Emacs 28 with Debian's elpa-eglot: -Q leaves out site-lisp, so activate the packages by hand.
(unless (require 'eglot nil t)
  (add-to-list 'package-directory-list "/usr/share/emacs/site-lisp/elpa")
  (package-initialize)
  (require 'eglot))
(require 'flymake)

;; --- the README's snippet ---
(define-derived-mode resolution-mode text-mode "Resolution"   ; or markdown-mode, if installed
  "UN resolution drafts (*.res.md)."
  (setq-local comment-start "<!-- ")
  (setq-local comment-end " -->"))
(add-to-list 'auto-mode-alist '("\\.res\\.md\\'" . resolution-mode))
(with-eval-after-load 'eglot
  (add-to-list 'eglot-server-programs '(resolution-mode . ("resolution-ls"))))
(add-hook 'resolution-mode-hook #'eglot-ensure)
(setq-default eglot-workspace-configuration
              '(:resolution-ls (:rules (:footnote-order "off"))))
;; --- end of the snippet ---

(setq eglot-sync-connect 10)
(let* ((file (car command-line-args-left))
       (buf (find-file-noselect file))
       (deadline (+ (float-time) 10))
       codes)
  (with-current-buffer buf
    (unless (eq major-mode 'resolution-mode)
      (message "SMOKE FAIL: major mode %s" major-mode)
      (kill-emacs 1))
    ;; eglot-ensure connects from post-command-hook, which batch mode never runs.
    (while (and (not (eglot-current-server)) (< (float-time) deadline))
      (accept-process-output nil 0.05)
      (run-hooks 'post-command-hook))
    (unless (eglot-current-server)
      (message "SMOKE FAIL: eglot did not connect")
      (kill-emacs 1))
    (flymake-mode 1)
    (flymake-start)
    (while (and (< (float-time) deadline)
                (not (and (member "numbering-gap" codes) (member "footnote-undefined" codes))))
      (accept-process-output nil 0.05)
      (setq codes (mapcar (lambda (d)
                            (let ((text (flymake-diagnostic-text d)))
                              (and (string-match "\\[\\([a-z-]+\\)\\]" text) (match-string 1 text))))
                          (flymake-diagnostics))))
    (message "server: %s; diagnostics: %S"
             (plist-get (eglot--server-info (eglot-current-server)) :name)
             (mapcar (lambda (d) (cons (line-number-at-pos (flymake-diagnostic-beg d)) (flymake-diagnostic-text d)))
                     (flymake-diagnostics)))
    (let ((ok (and (member "numbering-gap" codes) (member "footnote-undefined" codes))))
      (ignore-errors (eglot-shutdown (eglot-current-server)))
      (message (if ok "SMOKE PASS" "SMOKE FAIL: missing diagnostics"))
      (kill-emacs (if ok 0 1)))))
;;; smoke.el ends here
