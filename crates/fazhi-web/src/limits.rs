//! Small in-memory rate limiters per client address (token buckets), for
//! the anonymous portal: submissions and tracking look-ups.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// How many requests an address may make: a burst, refilled at a steady rate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rate {
    /// Requests allowed at once.
    pub burst: u32,
    /// One more request allowed every this long.
    pub every: Duration,
}

impl Rate {
    /// `n` requests per `period`, all of which may come at once.
    pub fn per(n: u32, period: Duration) -> Self {
        let n = n.max(1);
        Self { burst: n, every: period / n }
    }
}

/// Addresses kept at most; a full table is pruned of full buckets, then cleared.
const MAX_ADDRESSES: usize = 100_000;

/// A token bucket per client address.
#[derive(Debug)]
pub struct RateLimiter {
    rate: Rate,
    buckets: Mutex<HashMap<IpAddr, (f64, Instant)>>,
}

impl RateLimiter {
    pub fn new(rate: Rate) -> Self {
        Self { rate, buckets: Mutex::new(HashMap::new()) }
    }

    /// Takes one request's token for `addr`; `Err` says how long to wait.
    pub fn check(&self, addr: IpAddr) -> Result<(), Duration> {
        self.check_at(addr, Instant::now())
    }

    fn check_at(&self, addr: IpAddr, now: Instant) -> Result<(), Duration> {
        let burst = f64::from(self.rate.burst);
        let per_token = self.rate.every.as_secs_f64().max(1e-9);
        let mut map = self.buckets.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if map.len() >= MAX_ADDRESSES && !map.contains_key(&addr) {
            map.retain(|_, (tokens, at)| *tokens + now.duration_since(*at).as_secs_f64() / per_token < burst);
            if map.len() >= MAX_ADDRESSES {
                map.clear();
            }
        }
        let (tokens, at) = map.entry(addr).or_insert((burst, now));
        let refilled = (*tokens + now.duration_since(*at).as_secs_f64() / per_token).min(burst);
        *at = now;
        if refilled >= 1.0 {
            *tokens = refilled - 1.0;
            Ok(())
        } else {
            *tokens = refilled;
            Err(Duration::from_secs_f64((1.0 - refilled) * per_token))
        }
    }
}

/// A wait for a message: "30秒", "5分钟".
pub fn human_wait(d: Duration) -> String {
    let s = d.as_secs().max(1);
    if s < 120 {
        format!("{s}秒")
    } else {
        format!("{}分钟", s.div_ceil(60))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bursts_then_refills_per_address() {
        let l = RateLimiter::new(Rate::per(3, Duration::from_secs(60)));
        let a: IpAddr = [10, 0, 0, 1].into();
        let b: IpAddr = [10, 0, 0, 2].into();
        let t = Instant::now();
        assert!((0..3).all(|_| l.check_at(a, t).is_ok()));
        let wait = l.check_at(a, t).err();
        assert!(wait.is_some_and(|w| w > Duration::from_secs(19) && w <= Duration::from_secs(20)), "{wait:?}");
        assert!(l.check_at(b, t).is_ok(), "another address has its own bucket");
        assert!(l.check_at(a, t + Duration::from_secs(21)).is_ok(), "refilled");
        assert!(l.check_at(a, t + Duration::from_secs(21)).is_err());
        assert_eq!(human_wait(Duration::from_secs(30)), "30秒");
        assert_eq!(human_wait(Duration::from_secs(600)), "10分钟");
    }
}
