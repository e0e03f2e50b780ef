-- wrk script for every Riskbase scenario (bench/run.sh sets the environment):
--   BENCH_TOKENS  file with one bearer token per line (optional: no Authorization header without it)
--   BENCH_PATHS   file with lines "<weight> <token index, 1-based or 0 for none> <path>"
--   BENCH_PICK    uniform | weighted (Zipf-like weights from the file) | sequential (each line in turn: warm-up)
--   BENCH_OUT     where done() writes the scenario's JSON (throughput, percentiles, errors, distribution)
--   BENCH_NAME    scenario name written into the JSON
-- Each wrk thread has its own Lua state: init() runs per thread, done() once in the main state.

local tokens, paths, cdf = {}, {}, {}
local pick = os.getenv("BENCH_PICK") or "uniform"
local seq = 0

local function load_lines(file)
  local lines = {}
  if file == nil or file == "" then return lines end
  for line in io.lines(file) do
    if line ~= "" then lines[#lines + 1] = line end
  end
  return lines
end

local threads = {}
function setup(thread)
  thread:set("id", #threads)
  threads[#threads + 1] = thread
end

function init(args)
  tokens = load_lines(os.getenv("BENCH_TOKENS"))
  local total = 0
  for _, line in ipairs(load_lines(os.getenv("BENCH_PATHS"))) do
    local w, t, p = line:match("^(%S+)%s+(%d+)%s+(%S+)$")
    local headers = {}
    local ti = tonumber(t)
    if ti > 0 then headers["Authorization"] = "Bearer " .. tokens[ti] end
    paths[#paths + 1] = wrk.format("GET", p, headers)
    total = total + tonumber(w)
    cdf[#cdf + 1] = total
  end
  for i = 1, #cdf do cdf[i] = cdf[i] / total end
  -- threads start at different offsets so a sequential warm-up covers the list in parallel
  seq = (id or 0) * math.floor(#paths / 2)
  math.randomseed(os.time() + (id or 0) * 7919)
end

local function weighted()
  local r = math.random()
  local lo, hi = 1, #cdf
  while lo < hi do
    local mid = math.floor((lo + hi) / 2)
    if cdf[mid] < r then lo = mid + 1 else hi = mid end
  end
  return paths[lo]
end

function request()
  if pick == "weighted" then
    return weighted()
  elseif pick == "sequential" then
    seq = seq % #paths + 1
    return paths[seq]
  end
  return paths[math.random(#paths)]
end

local points = {1, 5, 10, 20, 25, 30, 40, 50, 60, 70, 75, 80, 90, 95, 97, 98, 99, 99.5, 99.9, 99.99, 100}

function done(summary, latency, requests)
  local secs = summary.duration / 1e6
  local e = summary.errors
  local dist = {}
  for _, p in ipairs(points) do
    local v = (p == 100) and latency.max or latency:percentile(p)
    dist[#dist + 1] = string.format("[%g,%.3f]", p, v / 1000)
  end
  local json = string.format(
    '{"name":"%s","tool":"wrk","requests":%d,"duration_s":%.2f,"rps":%.1f,"p50_ms":%.3f,"p95_ms":%.3f,"p99_ms":%.3f,'
      .. '"mean_ms":%.3f,"max_ms":%.3f,"errors":%d,"non_2xx_3xx":%d,"socket_errors":{"connect":%d,"read":%d,"write":%d,"timeout":%d},'
      .. '"bytes":%d,"dist":[%s]}',
    os.getenv("BENCH_NAME") or "", summary.requests, secs, summary.requests / secs,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
    latency.mean / 1000, latency.max / 1000,
    e.connect + e.read + e.write + e.status + e.timeout, e.status, e.connect, e.read, e.write, e.timeout,
    summary.bytes, table.concat(dist, ","))
  local out = os.getenv("BENCH_OUT")
  if out and out ~= "" then
    local f = assert(io.open(out, "w"))
    f:write(json, "\n")
    f:close()
  end
  io.write(json, "\n")
end
