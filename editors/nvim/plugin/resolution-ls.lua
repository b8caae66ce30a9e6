-- resolution-ls for Neovim: filetype `resolution` for *.res.md, Markdown highlighting reused,
-- and the `resolution_ls` language server (lsp/resolution_ls.lua) enabled on Neovim 0.11+.
--
-- Options (set before this file is sourced, e.g. in init.lua):
--   vim.g.resolution_ls_autostart = false   -- do not call vim.lsp.enable('resolution_ls')
--   vim.g.resolution_ls_treesitter = false  -- regex syntax instead of the Markdown tree-sitter parser
if vim.g.loaded_resolution_ls then
  return
end
vim.g.loaded_resolution_ls = true

vim.filetype.add({ pattern = { ['.*%.res%.md'] = 'resolution' } })

-- The Markdown tree-sitter parser (bundled with Neovim) parses resolution drafts: they are Markdown.
pcall(vim.treesitter.language.register, 'markdown', 'resolution')

if vim.fn.has('nvim-0.11') == 1 then
  if vim.g.resolution_ls_autostart ~= false then
    vim.lsp.enable('resolution_ls')
  end
else
  vim.api.nvim_create_autocmd('FileType', {
    pattern = 'resolution',
    once = true,
    callback = function()
      vim.notify_once(
        'resolution-ls: the language server needs Neovim 0.11 or later (vim.lsp.config/enable); '
          .. 'filetype and highlighting work, diagnostics do not. See :help resolution-ls',
        vim.log.levels.WARN
      )
    end,
  })
end
