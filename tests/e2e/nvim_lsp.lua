-- Neovim's own LSP client against `lessonlint server` (tests/e2e/editor_test.cc
-- runs it: nvim --headless --clean -c "luafile tests/e2e/nvim_lsp.lua").
-- Opens LESSONLINT_FILE under LESSONLINT_ROOT, waits for lessonlint's
-- diagnostics, hovers on the first, applies its "Disable ... for the next
-- line" code action, waits for the diagnostic to go, and writes what it saw to
-- LESSONLINT_OUT as JSON. Written for Neovim 0.7 (Debian bookworm's): the
-- client is started with vim.lsp.start_client, which later versions keep.
local out = {steps = {}}
local function finish()
  local f = io.open(os.getenv("LESSONLINT_OUT"), "w")
  f:write(vim.fn.json_encode(out))
  f:close()
  vim.cmd("qa!")
end
local function step(name, ok, detail)
  table.insert(out.steps, {name = name, ok = ok, detail = detail or ""})
  if not ok then finish() end
  return ok
end

local ok, err = pcall(function()
  local root = os.getenv("LESSONLINT_ROOT")
  vim.cmd("edit " .. vim.fn.fnameescape(root .. "/" .. os.getenv("LESSONLINT_FILE")))
  local buf = vim.api.nvim_get_current_buf()
  local client = vim.lsp.start_client({
    name = "lessonlint",
    cmd = {os.getenv("LESSONLINT_BIN"), "server"},
    root_dir = root,
  })
  if not step("start", client ~= nil) then return end
  vim.lsp.buf_attach_client(buf, client)

  local function ours() return vim.diagnostic.get(buf, {namespace = vim.lsp.diagnostic.get_namespace(client)}) end
  local got = vim.wait(10000, function() return #ours() > 0 end, 20)
  if not step("diagnostics", got, vim.inspect(ours())) then return end
  local d = ours()[1]
  out.first = {code = d.user_data and d.user_data.lsp and d.user_data.lsp.code or "", line = d.lnum,
               message = d.message, source = d.source}

  local pos = {line = d.lnum, character = d.col}
  local hover = vim.lsp.buf_request_sync(buf, "textDocument/hover",
    {textDocument = vim.lsp.util.make_text_document_params(buf), position = pos}, 5000)
  local hover_text = ""
  for _, r in pairs(hover or {}) do
    if r.result and r.result.contents then hover_text = r.result.contents.value end
  end
  out.hover = hover_text
  if not step("hover", hover_text ~= "") then return end

  local params = {
    textDocument = vim.lsp.util.make_text_document_params(buf),
    range = {start = pos, ["end"] = {line = d.end_lnum, character = d.end_col}},
    context = {diagnostics = vim.lsp.diagnostic.get_line_diagnostics(buf, d.lnum)},
  }
  local actions = vim.lsp.buf_request_sync(buf, "textDocument/codeAction", params, 5000)
  local chosen
  for _, r in pairs(actions or {}) do
    for _, a in ipairs(r.result or {}) do
      if a.title:match("^Disable ") then chosen = a end
    end
  end
  if not step("code action", chosen ~= nil, vim.inspect(actions)) then return end
  out.action = chosen.title
  vim.lsp.util.apply_workspace_edit(chosen.edit, "utf-16")

  local gone = vim.wait(10000, function() return #ours() == 0 end, 20)
  out.lines = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  step("diagnostic gone", gone, vim.inspect(ours()))
end)
if not ok then step("error", false, tostring(err)) end
finish()
