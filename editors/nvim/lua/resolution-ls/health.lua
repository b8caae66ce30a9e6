-- :checkhealth resolution-ls
local M = {}

function M.check()
  vim.health.start('resolution-ls')
  if vim.fn.has('nvim-0.11') == 1 then
    vim.health.ok('Neovim ' .. tostring(vim.version()))
  else
    vim.health.error('Neovim 0.11 or later is needed for the language server (vim.lsp.config/enable)')
  end
  local cmd = { 'resolution-ls' }
  if vim.lsp.config and vim.lsp.config.resolution_ls and type(vim.lsp.config.resolution_ls.cmd) == 'table' then
    cmd = vim.lsp.config.resolution_ls.cmd
  end
  local exe = cmd[1]
  if vim.fn.executable(exe) == 1 then
    local out = vim.fn.system({ exe, '--version' })
    vim.health.ok(('server: %s (%s)'):format(vim.fn.exepath(exe), vim.trim(out)))
  else
    vim.health.error(('server `%s` not found'):format(exe), {
      'Install it: cargo install --locked --path . (in a clone of resolution-ls)',
      "or point to it: vim.lsp.config('resolution_ls', { cmd = { '/path/to/resolution-ls' } })",
    })
  end
  local ok = pcall(vim.treesitter.language.add, 'markdown')
  if ok then
    vim.health.ok('tree-sitter parser "markdown" found (used for highlighting)')
  else
    vim.health.warn('no tree-sitter parser "markdown": regex syntax highlighting is used')
  end
end

return M
