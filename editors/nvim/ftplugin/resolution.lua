-- Buffer settings for resolution drafts (*.res.md).
if vim.b.did_ftplugin then
  return
end
vim.b.did_ftplugin = 1

-- Toggle comment (gc) writes HTML comments, as in Markdown.
vim.bo.commentstring = '<!-- %s -->'

-- Markdown highlighting: the tree-sitter parser when it is there (Neovim bundles it), plus the
-- resolution-specific regex layer of syntax/resolution.vim; otherwise Markdown's regex syntax
-- with that layer.
local ts = false
if vim.g.resolution_ls_treesitter ~= false then
  ts = pcall(vim.treesitter.start, 0, 'markdown')
end
vim.b.resolution_treesitter = ts
if ts then
  -- vim.treesitter.start() turns regex syntax off; keep the resolution layer on top of it.
  vim.bo.syntax = 'resolution'
end

vim.b.undo_ftplugin = (vim.b.undo_ftplugin or '')
  .. '\n setlocal commentstring<'
  .. '\n lua pcall(vim.treesitter.stop)'
  .. '\n unlet! b:resolution_treesitter'
