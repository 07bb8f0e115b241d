-- wrk script for bench/throughput.py: cycles through REQUESTS (method, path, body), each wrk
-- thread from a different offset, with the Authorization header; prints one RESULT line.
-- bench/throughput.py writes the REQUESTS table and HEADERS in front of this file.
local counter = 0

function setup(thread)
  thread:set("offset", math.random(#REQUESTS))
end

function request()
  counter = counter + 1
  local item = REQUESTS[((offset or 0) + counter) % #REQUESTS + 1]
  return wrk.format(item[1], item[2], HEADERS, item[3])
end

function done(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format("RESULT %d %d %d %d %d %d\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(99), errors.status,
    errors.connect + errors.read + errors.write + errors.timeout))
end
