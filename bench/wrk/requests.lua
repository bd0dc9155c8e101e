-- wrk script: sends, in turn, the requests listed in the Lua file named by the environment variable BENCH_REQUESTS
-- (written by bench/bench.py): each entry is {method, path, Authorization header or nil, JSON body or nil}. The two
-- wrk threads take alternate entries, so no request is sent twice until the list runs out; then it starts again.

local requests = dofile(os.getenv("BENCH_REQUESTS"))
local count = 0

function setup(thread)
  thread:set("first", count)
  count = count + 1
end

function init(args)
  position = first
end

function request()
  local entry = requests[(position % #requests) + 1]
  position = position + 2
  local headers = {}
  if entry[3] then headers["Authorization"] = entry[3] end
  if entry[4] then headers["Content-Type"] = "application/json" end
  return wrk.format(entry[1], entry[2], headers, entry[4])
end
