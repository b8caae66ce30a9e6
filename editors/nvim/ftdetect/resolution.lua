-- *.res.md → filetype `resolution`. A `pattern` rule: an `extension` rule only sees the last
-- extension ("md") and would leave the file as markdown. (Also done in plugin/resolution-ls.lua,
-- for plugin managers that add this folder to 'runtimepath' after ftdetect files were read.)
vim.filetype.add({ pattern = { ['.*%.res%.md'] = 'resolution' } })
