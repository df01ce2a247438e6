-- wrk script for the async-intake benchmark: POSTs a small JSON event, with the headers
-- given in the environment (BENCH_AUTHORIZATION: the internal token for the router's enqueue
-- API; none for a gateway route), and counts the answers by status so that the bench can
-- tell accepted events (202) from refusals.
wrk.method = "POST"
wrk.body = '{"order":42,"items":["a","b"]}'
wrk.headers["Content-Type"] = "application/json"
local authorization = os.getenv("BENCH_AUTHORIZATION")
if authorization ~= nil and authorization ~= "" then
  wrk.headers["Authorization"] = authorization
end

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  accepted = 0
  refused = 0
end

function response(status, headers, body)
  if status == 202 then
    accepted = accepted + 1
  else
    refused = refused + 1
  end
end

function done(summary, latency, requests)
  local total_accepted, total_refused = 0, 0
  for _, thread in ipairs(threads) do
    total_accepted = total_accepted + thread:get("accepted")
    total_refused = total_refused + thread:get("refused")
  end
  io.write(string.format("BENCH accepted=%d refused=%d\n", total_accepted, total_refused))
end
