-- A token bucket on a shared dict, the same code under tide serve and
-- under nginx's Lua module (Lua 5.1 and 5.4 alike). Each key has two
-- entries: its tokens ("<key>:t") and the time they were counted
-- ("<key>:ts"). As in most OpenResty code, a get followed by a set is
-- not atomic across workers: two workers may both spend the last token.
local min = math.min

local bucket = {}

-- take spends one token of key's bucket, refilled at rate tokens per
-- second up to burst. It returns true and the tokens left, or false and
-- the seconds until the next token.
function bucket.take(dict, key, rate, burst, now)
  local tk, tsk = key .. ":t", key .. ":ts"
  local tokens = dict:get(tk)
  if tokens == nil then
    tokens = burst
  else
    local last = dict:get(tsk) or now
    tokens = min(burst, tokens + (now - last) * rate)
  end
  if tokens < 1 then
    -- nothing to store: the next call refills from the same point
    return false, (1 - tokens) / rate
  end
  tokens = tokens - 1
  dict:set(tk, tokens)
  dict:set(tsk, now)
  return true, tokens
end

return bucket
