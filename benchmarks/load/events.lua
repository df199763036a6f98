-- wrk script for benchmarks/load.sh: sends pre-signed, distinct LimeCall events (one per line of the file given after
-- "--", as "signature<TAB>body"), each once, in order; after the last it starts again (the script reports how many).
local requests, count, next = {}, 0, 0

function init(args)
  for line in io.lines(args[1]) do
    local signature, body = line:match("^(%x+)\t(.*)$")
    count = count + 1
    requests[count] = wrk.format("POST", "/webhooks/limecall",
      { ["Content-Type"] = "application/json", ["X-LimeCall-Signature"] = signature }, body)
  end
end

function request()
  next = next + 1
  return requests[((next - 1) % count) + 1]
end

function done(summary, latency, requests)
  -- One line for load.sh: requests, requests/s, p50 ms, p99 ms, non-2xx answers, socket errors.
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("RESULT %d %.0f %.2f %.2f %d %d\n", summary.requests, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.errors.status, errors))
end
