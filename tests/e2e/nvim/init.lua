-- The user configuration of the Neovim end-to-end test (nvim -u init.lua): what a user of the
-- plugin writes, nothing more. The plugin folder comes from $RESOLUTION_LS_NVIM_PLUGIN (the
-- repository's editors/nvim); resolution-ls must be on $PATH.
vim.opt.runtimepath:prepend(assert(vim.env.RESOLUTION_LS_NVIM_PLUGIN, 'RESOLUTION_LS_NVIM_PLUGIN is not set'))

-- Rule settings, sent by Neovim through workspace/configuration (section "resolution-ls"):
-- the test checks that footnote-undefined comes back as a warning instead of an error.
vim.lsp.config('resolution_ls', {
  settings = { ['resolution-ls'] = { rules = { ['footnote-undefined'] = 'warning' } } },
})
