/**
 * The Lua scripts of the Redis store: each runs atomically on the server, so a commit can never
 * land between a purge's generation bump and its deletes. Key names are built from
 * length-prefixed parts (`<bytes>:<text>`, see `part`) so no context path or user key can make
 * two names collide. Keys a script computes itself are undeclared: standalone Redis only.
 *
 * Layout under the prefix P:
 *   P epoch                          bumped by an `all` purge and after an outage: older entries are misses
 *   P clock                          a counter giving every generation and entry version a unique value
 *   P g: ctx / P g: ctx scope        generations, set (from the clock) by every purge of that context / scope
 *   P s: ctx                         the scopes holding entries of a context (for purges of every scope);
 *                                    a scope whose index is gone holds none and is dropped from it
 *   P i: ctx scope                   index hash: canonical params -> their field keys as JSON (partial purges)
 *   P e: ctx scope params            entry hash: e (epoch), v (version), t (text), with a PX time to live
 */

/** KEYS: epoch, context gen, scope gen, entry. ARGV: the version held locally, or ''. */
export const getScript = `
local stamp = redis.call('MGET', KEYS[1], KEYS[2], KEYS[3])
local e, cg, sg = stamp[1] or '0', stamp[2] or '0', stamp[3] or '0'
local entry = redis.call('HMGET', KEYS[4], 'e', 'v')
if entry[1] ~= e or not entry[2] then return {e, cg, sg} end
if entry[2] == ARGV[1] then return {e, cg, sg, entry[2]} end
return {e, cg, sg, entry[2], redis.call('HGET', KEYS[4], 't'), redis.call('PTTL', KEYS[4])}
`

/**
 * KEYS: epoch, context gen, scope gen, entry, index, scopes, clock.
 * ARGV: epoch, context gen, scope gen (as reserved), text, ttl ms, params, field keys JSON, scope,
 * entry key base, index key base of the context (without the scope part).
 * Stores nothing (nil) when any purge or epoch bump came after the reservation; else the version.
 */
export const commitScript = `
local function part(s) return #s .. ':' .. s end
local stamp = redis.call('MGET', KEYS[1], KEYS[2], KEYS[3])
if (stamp[1] or '0') ~= ARGV[1] or (stamp[2] or '0') ~= ARGV[2] or (stamp[3] or '0') ~= ARGV[3] then return false end
local ttl = tonumber(ARGV[5])
local v = redis.call('INCR', KEYS[7])
redis.call('DEL', KEYS[4])
redis.call('HSET', KEYS[4], 'e', ARGV[1], 'v', v, 't', ARGV[4])
redis.call('PEXPIRE', KEYS[4], ttl)
local function extend(key) if redis.call('PTTL', key) < ttl then redis.call('PEXPIRE', key, ttl) end end
redis.call('HSET', KEYS[5], ARGV[6], ARGV[7])
extend(KEYS[5])
-- The scopes set lives as long as commits keep coming, so every user who ever had an entry would
-- stay in it (and be walked by each purge of every user's entries): when one is added and it
-- holds 64, 128, 256... scopes, those whose index is gone (no entries left) are dropped.
if redis.call('SADD', KEYS[6], ARGV[8]) == 1 then
  local count = redis.call('SCARD', KEYS[6])
  if count >= 64 and bit.band(count, count - 1) == 0 then
    for _, scope in ipairs(redis.call('SMEMBERS', KEYS[6])) do
      if redis.call('EXISTS', ARGV[10] .. part(scope)) == 0 then redis.call('SREM', KEYS[6], scope) end
    end
  end
end
extend(KEYS[6])
-- Index fields outlive their expired entries: prune now and then (at 64, 128, 256... fields).
local n = redis.call('HLEN', KEYS[5])
if n >= 64 and bit.band(n, n - 1) == 0 then
  for _, field in ipairs(redis.call('HKEYS', KEYS[5])) do
    if redis.call('EXISTS', ARGV[9] .. field) == 0 then redis.call('HDEL', KEYS[5], field) end
  end
end
return v
`

/** ARGV: prefix, selectors JSON, channel, generation ttl ms, message. Bumps, deletes, then publishes. */
export const purgeScript = `
local P = ARGV[1]
local function part(s) return #s .. ':' .. s end
local function bump(key) redis.call('SET', key, redis.call('INCR', P .. 'clock'), 'PX', ARGV[4]) end
for _, sel in ipairs(cjson.decode(ARGV[2])) do
  if sel.kind == 'all' then
    redis.call('INCR', P .. 'epoch')
  else
    local ctx = part(sel.context)
    local scopes
    if sel.scope == cjson.null then
      bump(P .. 'g:' .. ctx)
      scopes = {}
      -- A scope whose index is gone has no entries left: forgotten rather than walked.
      for _, scope in ipairs(redis.call('SMEMBERS', P .. 's:' .. ctx)) do
        if redis.call('EXISTS', P .. 'i:' .. ctx .. part(scope)) == 1 then scopes[#scopes + 1] = scope
        else redis.call('SREM', P .. 's:' .. ctx, scope) end
      end
    else
      bump(P .. 'g:' .. ctx .. part(sel.scope))
      scopes = {sel.scope}
    end
    for _, scope in ipairs(scopes) do
      local index = P .. 'i:' .. ctx .. part(scope)
      local base = P .. 'e:' .. ctx .. part(scope)
      if sel.kind == 'exact' then
        redis.call('DEL', base .. sel.params)
        redis.call('HDEL', index, sel.params)
      elseif sel.kind == 'whole' then
        for _, field in ipairs(redis.call('HKEYS', index)) do redis.call('DEL', base .. field) end
        redis.call('DEL', index)
      else
        local all = redis.call('HGETALL', index)
        for i = 1, #all, 2 do
          local own = cjson.decode(all[i + 1])
          local match = true
          for _, pair in ipairs(sel.fields) do
            local held = own[pair[1]]
            if pair[2] == cjson.null then match = held == nil else match = held == pair[2] end
            if not match then break end
          end
          if match then
            redis.call('DEL', base .. all[i])
            redis.call('HDEL', index, all[i])
          end
        end
      end
    end
  end
end
redis.call('PUBLISH', ARGV[3], ARGV[5])
return 1
`

/** A key part as the scripts build it: byte length, colon, text. */
export function part(text: string): string {
  return `${Buffer.byteLength(text)}:${text}`
}
