-- Wrong-password logins for random (unknown) usernames: every request costs one argon2 verify.
local path = os.getenv("LOGIN_PATH")
local counter = 0
request = function()
  counter = counter + 1
  local body = "username=loadtest" .. math.random(1, 1000000000) .. "x" .. counter .. "&password=not+the+right+password&next=%2F"
  return wrk.format("POST", path, {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Accept"] = "application/json",
  }, body)
end
