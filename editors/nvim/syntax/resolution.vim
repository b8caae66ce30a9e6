" Vim syntax file
" Language:    UN resolution drafts (*.res.md), resolution-ls
" Markdown's regex syntax, plus the constructs of a resolution: organ formula, opening phrases,
" paragraph and sub-paragraph labels, footnotes, document symbols. When the Markdown tree-sitter
" parser highlights the buffer (ftplugin/resolution.lua sets b:resolution_treesitter), only the
" resolution layer is loaded.

if exists('b:current_syntax')
  finish
endif

if !get(b:, 'resolution_treesitter', 0)
  runtime! syntax/markdown.vim
  unlet! b:current_syntax
endif

syn case ignore
syn match resolutionOrganFormula /^\s*[*_]\{0,2}\%(\%(the\|la\|le\|el\)\s\+\|l[’']\s*\)\%(general assembly\|assemblée générale\|asamblea general\|security council\|conseil de sécurité\|consejo de seguridad\|human rights council\|conseil des droits de l[’']homme\|consejo de derechos humanos\|economic and social council\|conseil économique et social\|consejo económico y social\)[*_]\{0,2}\s*,\=\s*$/
syn case match

" 12. *Decides* …   and  3 bis *Décide* …
syn match resolutionParagraphLabel /^\s*\d\{1,3}\.\ze[ \t\u00a0]/ nextgroup=resolutionOpeningPhrase skipwhite
syn match resolutionParagraphLabel /^\s*\d\{1,3}[ \t\u00a0]\+\%(bis\|ter\|quater\|quinquies\|sexies\|septies\|octies\)\>\.\=/ nextgroup=resolutionOpeningPhrase skipwhite
" (a) (ii) in English; a) ii) in French and Spanish
syn match resolutionSubparagraphLabel /^\s*(\=\%([a-z]\{1,2}\|[ivxlc]\{1,7}\))\ze[ \t\u00a0]/
" *Recalling* at the start of a paragraph
syn match resolutionOpeningPhrase /^\s*\*[^* \t][^*]*\*\ze\%([[:space:],;:]\|$\)/
syn match resolutionOpeningPhrase /^\s*_[^_ \t][^_]*_\ze\%([[:space:],;:]\|$\)/
syn match resolutionOpeningPhrase /\*[^* \t][^*]*\*/ contained
syn match resolutionOpeningPhrase /_[^_ \t][^_]*_/ contained
" [^1]: body   and   [^1] indicator
syn match resolutionFootnoteIndicator /\[\^[^\] \t]\+\]/
syn match resolutionFootnoteBody /^\[\^[^\] \t]\+\]:/
" A/RES/70/1, S/RES/2334 (2016), A/72/439/Add.2, A/CONF.157/24 (Part I)
syn match resolutionDocumentSymbol /\<\%(A\|S\|E\|T\|ST\|CCPR\|CERD\|CEDAW\|CRC\|CAT\|CRPD\|CMW\|CED\|HRI\|DP\|TD\|UNEP\|CD\|FCCC\|ECE\|UNW\)\%(\/\%(\%(S-\|ES-\)\=\d\{1,5}\|[A-Z]\{1,5}\%(\.\d\{1,3}\)\=\|Sub\.\d\|Add\.\d\{1,3}\|Corr\.\d\{1,2}\|Rev\.\d\{1,2}\|Amend\.\d\{1,2}\|Summary\)\*\=\)\+\%( (\%(Part\|Vol\.\) [IVX0-9]\+)\| \=(\%(19\|20\)\d\d)\)\=/
syn match resolutionComment /<!--\_.\{-}-->/

hi def link resolutionOrganFormula      Title
hi def link resolutionParagraphLabel    Number
hi def link resolutionSubparagraphLabel Constant
hi def link resolutionOpeningPhrase     Statement
hi def link resolutionFootnoteIndicator Special
hi def link resolutionFootnoteBody      Label
hi def link resolutionDocumentSymbol    Identifier
hi def link resolutionComment           Comment

let b:current_syntax = 'resolution'
