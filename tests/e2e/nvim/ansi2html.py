#!/usr/bin/env python3
"""Turns a `tmux capture-pane -e -p` dump (text with SGR escape sequences) into an HTML page
that looks like the terminal, for screenshots: python3 ansi2html.py IN.txt OUT.html"""
import html
import re
import sys

BASE16 = ["#1d1f21", "#cc6666", "#b5bd68", "#f0c674", "#81a2be", "#b294bb", "#8abeb7", "#c5c8c6",
          "#666666", "#d54e53", "#b9ca4a", "#e7c547", "#7aa6da", "#c397d8", "#70c0b1", "#eaeaea"]
FG, BG = "#e0e2ea", "#14161b"  # Neovim's default dark colour scheme


def xterm256(n):
    if n < 16:
        return BASE16[n]
    if n < 232:
        n -= 16
        steps = [0, 95, 135, 175, 215, 255]
        return "#%02x%02x%02x" % (steps[n // 36], steps[(n // 6) % 6], steps[n % 6])
    v = 8 + (n - 232) * 10
    return "#%02x%02x%02x" % (v, v, v)


def convert(text):
    st = {}
    out = []
    pos = 0
    for m in re.finditer(r"\x1b\[([0-9;:]*)m", text):
        out.append((dict(st), text[pos:m.start()]))
        pos = m.end()
        params = [p for p in re.split(r";", m.group(1))] or ["0"]
        i = 0
        while i < len(params):
            p = params[i] or "0"
            sub = p.split(":")
            c = int(sub[0]) if sub[0].isdigit() else 0
            if c == 0:
                st = {}
            elif c == 1:
                st["b"] = True
            elif c == 3:
                st["i"] = True
            elif c == 4:
                st["u"] = "wavy" if len(sub) > 1 and sub[1] == "3" else "solid"
                if len(sub) > 1 and sub[1] == "0":
                    st.pop("u", None)
            elif c == 7:
                st["rev"] = True
            elif c == 22:
                st.pop("b", None)
            elif c == 23:
                st.pop("i", None)
            elif c == 24:
                st.pop("u", None)
            elif c == 27:
                st.pop("rev", None)
            elif 30 <= c <= 37:
                st["fg"] = BASE16[c - 30]
            elif 90 <= c <= 97:
                st["fg"] = BASE16[c - 90 + 8]
            elif 40 <= c <= 47:
                st["bg"] = BASE16[c - 40]
            elif 100 <= c <= 107:
                st["bg"] = BASE16[c - 100 + 8]
            elif c == 39:
                st.pop("fg", None)
            elif c == 49:
                st.pop("bg", None)
            elif c in (38, 48, 58):
                key = {38: "fg", 48: "bg", 58: "ul"}[c]
                if len(sub) > 1:  # colon form 38:2::r:g:b or 38:5:n
                    vals = [v for v in sub[1:] if v != ""]
                    if vals and vals[0] == "2":
                        st[key] = "#%02x%02x%02x" % tuple(int(v) for v in vals[-3:])
                    elif vals and vals[0] == "5":
                        st[key] = xterm256(int(vals[1]))
                elif i + 1 < len(params) and params[i + 1] == "5":
                    st[key] = xterm256(int(params[i + 2]))
                    i += 2
                elif i + 1 < len(params) and params[i + 1] == "2":
                    st[key] = "#%02x%02x%02x" % tuple(int(v) for v in params[i + 2:i + 5])
                    i += 4
            elif c == 59:
                st.pop("ul", None)
            i += 1
    out.append((dict(st), text[pos:]))
    parts = []
    for s, chunk in out:
        if not chunk:
            continue
        fg, bg = s.get("fg", FG), s.get("bg", BG)
        if s.get("rev"):
            fg, bg = bg, fg
        css = [f"color:{fg}", f"background:{bg}"]
        if s.get("b"):
            css.append("font-weight:bold")
        if s.get("i"):
            css.append("font-style:italic")
        if s.get("u"):
            css.append(f"text-decoration:underline {s['u']} {s.get('ul', fg)}")
        parts.append(f'<span style="{";".join(css)}">{html.escape(chunk)}</span>')
    return "".join(parts)


def main():
    src, dst = sys.argv[1], sys.argv[2]
    body = convert(open(src, encoding="utf-8").read().rstrip("\n"))
    page = f"""<!doctype html><meta charset="utf-8"><style>
body {{ margin: 0; background: {BG}; }}
pre {{ margin: 0; padding: 8px; font: 15px/1.25 'DejaVu Sans Mono', monospace; color: {FG}; background: {BG}; }}
</style><pre>{body}</pre>"""
    open(dst, "w", encoding="utf-8").write(page)


main()
