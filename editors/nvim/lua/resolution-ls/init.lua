-- Optional entry point for plugin managers that call setup(opts) (e.g. lazy.nvim's `opts`):
-- require('resolution-ls').setup({ cmd = { '/path/to/resolution-ls' }, settings = { ... } })
-- is the same as vim.lsp.config('resolution_ls', opts). Nothing needs setup() otherwise.
local M = {}

---@param opts? vim.lsp.Config
function M.setup(opts)
  if vim.fn.has('nvim-0.11') == 0 then
    vim.notify('resolution-ls: needs Neovim 0.11 or later', vim.log.levels.WARN)
    return
  end
  if opts and next(opts) ~= nil then
    vim.lsp.config('resolution_ls', opts)
  end
end

return M
