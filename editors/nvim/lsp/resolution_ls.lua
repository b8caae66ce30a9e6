-- Default configuration of the `resolution_ls` server (Neovim 0.11+ reads lsp/<name>.lua from
-- 'runtimepath'). These defaults have the lowest priority: override any field with
--   vim.lsp.config('resolution_ls', { cmd = { '/path/to/resolution-ls' }, settings = { ... } })
---@type vim.lsp.Config
return {
  cmd = { 'resolution-ls' },
  filetypes = { 'resolution' },
  -- The nearest folder with resolution-ls.toml, else the nearest with .git, else the file's own
  -- folder (single drafts outside any project still get a server).
  root_dir = function(bufnr, on_dir)
    local name = vim.api.nvim_buf_get_name(bufnr)
    if name == '' or vim.bo[bufnr].buftype ~= '' then
      return -- not a file: no server
    end
    on_dir(vim.fs.root(bufnr, { 'resolution-ls.toml', '.git' }) or vim.fs.dirname(vim.fs.normalize(name)))
  end,
  -- Sent through workspace/configuration (section "resolution-ls") and didChangeConfiguration,
  -- e.g. { ['resolution-ls'] = { rules = { ['footnote-order'] = 'off' }, frenchSpacing = 'un-ga' } }.
  settings = { ['resolution-ls'] = vim.empty_dict() },
}
