-- Sets the scene for the Neovim screenshot (tests/e2e/nvim/screenshot.sh): the French test draft
-- with its diagnostics as virtual text and a floating window: the server's hover on the [^1]
-- footnote when the server has hover, else the diagnostic of the [^2] indicator. Then writes
-- $SHOT_READY.
vim.o.termguicolors = true
vim.o.number = true
vim.o.signcolumn = 'yes'
vim.o.laststatus = 2
vim.o.wrap = true
vim.o.linebreak = true
vim.diagnostic.config({ virtual_text = { prefix = '●' }, severity_sort = true, float = { border = 'rounded', source = true } })

local file = assert(vim.env.SHOT_FILE)
vim.cmd.cd(vim.fn.fnameescape(vim.fs.dirname(vim.fs.dirname(file))))
vim.cmd.edit(vim.fn.fnameescape(vim.fn.fnamemodify(file, ':.')))
local buf = vim.api.nvim_get_current_buf()
local function done()
  vim.fn.writefile({ 'ready' }, assert(vim.env.SHOT_READY))
end
vim.wait(10000, function()
  return #vim.diagnostic.get(buf) >= 2
end, 50)
-- Redraw after a small edit round trip so the pulled diagnostics carry the editor settings.
vim.api.nvim_buf_set_lines(buf, -1, -1, false, { '' })
vim.wait(300)
vim.api.nvim_buf_set_lines(buf, -2, -1, false, {})
vim.bo[buf].modified = false
vim.wait(500)

local client = vim.lsp.get_clients({ bufnr = buf, name = 'resolution_ls' })[1]
local lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
local function at(text)
  for i, l in ipairs(lines) do
    local s = l:find(text, 2, true)
    if s then
      return i, s - 1
    end
  end
end
-- Move the cursor first and open the float later: a float closes on the CursorMoved event that
-- the main loop fires after a cursor move.
local l, c
if client and client.server_capabilities.hoverProvider then
  -- On the footnote body's label (last line), so that the float opens below the text.
  for i, line in ipairs(lines) do
    if line:find('^%[%^1%]:') then
      l, c = i, 0
    end
  end
else
  l, c = at('[^2]')
end
vim.api.nvim_win_set_cursor(0, { l, c + 2 })
vim.defer_fn(function()
  if client and client.server_capabilities.hoverProvider then
    vim.lsp.buf.hover({ border = 'rounded' })
  else
    vim.diagnostic.open_float({ scope = 'cursor' })
  end
  vim.defer_fn(function()
    vim.cmd('redraw!')
    done()
  end, 800)
end, 300)
