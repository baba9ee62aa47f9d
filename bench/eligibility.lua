-- wrk script for bench/eligibility.sh: each request checks a random person (or unit) from
-- the ids file the sample-history command wrote. Settings come from the environment:
-- IDS (the file), KIND (person | unit), AWARD (the title's code), TOKEN.
local paths = {}
local kind = os.getenv("KIND")
local award = os.getenv("AWARD")
for line in io.lines(os.getenv("IDS")) do
  local k, id = line:match("^(%a+) (%S+)$")
  if k == kind then
    paths[#paths + 1] = (kind == "person" and "/api/v1/people/" or "/api/v1/units/") .. id .. "/eligibility?award=" .. award
  end
end
wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", paths[(n * 7919) % #paths + 1])
end
