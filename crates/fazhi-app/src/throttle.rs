//! Login throttling that an attacker cannot turn against the account owner.
//!
//! Failed logins are counted in memory under three keys, whether or not the
//! user name exists (so the answer never reveals which accounts exist):
//!
//! - the account name **and** the client address: a few free attempts, then
//!   growing delays (the owner, signing in from elsewhere, is not affected);
//! - the client address alone, over every name it tries (password spraying);
//! - the account name alone, over every address, with a much higher threshold
//!   (a distributed guess at one account).
//!
//! Each counter lives for one window (the configured lockout duration) from
//! its first failure; when the window and any delay have passed it starts
//! again from zero ("reset on expiry"). A successful login clears the
//! account's counters. The state is per process and bounded in size.

use chrono::{DateTime, Duration, Utc};
use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};

/// Thresholds and delays.
#[derive(Debug, Clone, Copy)]
pub struct ThrottlePolicy {
    /// Free failures per account name and client address in one window.
    pub per_account_address: u32,
    /// Free failures per client address (any names) in one window.
    pub per_address: u32,
    /// Free failures per account name (any addresses) in one window.
    pub per_account: u32,
    /// The first delay after the free failures; each further failure doubles it.
    pub first_delay: Duration,
    /// The longest delay, and the window a counter lives for.
    pub window: Duration,
}

impl ThrottlePolicy {
    pub fn new(threshold: i64, window: Duration) -> Self {
        let t = u32::try_from(threshold.max(1)).unwrap_or(5);
        Self {
            per_account_address: t,
            per_address: t.saturating_mul(4),
            per_account: t.saturating_mul(10),
            first_delay: Duration::seconds(30),
            window,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    AccountAddress(String, IpAddr),
    Address(IpAddr),
    Account(String),
}

#[derive(Debug, Clone)]
struct Counter {
    failures: u32,
    window_start: DateTime<Utc>,
    blocked_until: Option<DateTime<Utc>>,
}

/// Most counters kept; older ones are dropped first when full.
const MAX_ENTRIES: usize = 100_000;

/// The in-memory throttle shared by the application's clones.
#[derive(Debug, Clone, Default)]
pub struct LoginThrottle {
    inner: Arc<Mutex<HashMap<Key, Counter>>>,
}

fn keys(name: &str, addr: IpAddr) -> [Key; 3] {
    let name = name.trim().to_lowercase();
    [Key::AccountAddress(name.clone(), addr), Key::Address(addr), Key::Account(name)]
}

impl LoginThrottle {
    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Key, Counter>> {
        self.inner.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Until when a login for `name` from `addr` must wait, if it must.
    pub fn blocked(&self, name: &str, addr: IpAddr, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let map = self.lock();
        keys(name, addr).iter().filter_map(|k| map.get(k).and_then(|c| c.blocked_until)).filter(|t| *t > now).max()
    }

    /// Records a failure; returns until when further attempts must wait, if
    /// this failure started or lengthened a delay.
    pub fn failure(
        &self,
        name: &str,
        addr: IpAddr,
        now: DateTime<Utc>,
        policy: &ThrottlePolicy,
    ) -> Option<DateTime<Utc>> {
        let mut map = self.lock();
        if map.len() >= MAX_ENTRIES {
            map.retain(|_, c| c.window_start + policy.window > now || c.blocked_until.is_some_and(|t| t > now));
            if map.len() >= MAX_ENTRIES {
                map.clear();
            }
        }
        let mut until = None;
        for key in keys(name, addr) {
            let free = match key {
                Key::AccountAddress(..) => policy.per_account_address,
                Key::Address(_) => policy.per_address,
                Key::Account(_) => policy.per_account,
            };
            let c = map.entry(key).or_insert(Counter { failures: 0, window_start: now, blocked_until: None });
            let delay_over = c.blocked_until.is_none_or(|t| t <= now);
            if c.window_start + policy.window <= now && delay_over {
                *c = Counter { failures: 0, window_start: now, blocked_until: None };
            }
            c.failures += 1;
            if c.failures >= free {
                let excess = (c.failures - free).min(20);
                let delay = policy.first_delay * 2_i32.pow(excess);
                let delay = if delay > policy.window { policy.window } else { delay };
                let t = now + delay;
                c.blocked_until = Some(t);
                until = until.max(Some(t));
            }
        }
        until
    }

    /// A successful login: the account's counters start again.
    pub fn success(&self, name: &str, addr: IpAddr) {
        let [pair, _, account] = keys(name, addr);
        let mut map = self.lock();
        map.remove(&pair);
        map.remove(&account);
    }

    /// The account's own counter: failures in the current window and until
    /// when logins must wait (for the administrator's pages).
    pub fn account_state(&self, name: &str, now: DateTime<Utc>) -> (u32, Option<DateTime<Utc>>) {
        let map = self.lock();
        match map.get(&Key::Account(name.trim().to_lowercase())) {
            Some(c) => (c.failures, c.blocked_until.filter(|t| *t > now)),
            None => (0, None),
        }
    }

    /// An administrator unlocked the account: every counter of the name goes.
    pub fn clear_account(&self, name: &str) {
        let name = name.trim().to_lowercase();
        self.lock().retain(|k, _| match k {
            Key::AccountAddress(n, _) | Key::Account(n) => *n != name,
            Key::Address(_) => true,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone as _;

    fn t0() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 3, 2, 1, 0, 0).single().unwrap_or_default()
    }

    #[test]
    fn the_account_state_shows_failures_and_a_lock_from_many_addresses() {
        let p = ThrottlePolicy::new(5, Duration::minutes(15));
        let th = LoginThrottle::default();
        let now = t0();
        for i in 0..49u8 {
            th.failure("Zhang", IpAddr::from([10, 0, 0, i]), now, &p);
        }
        assert_eq!(th.account_state("zhang", now), (49, None));
        th.failure("zhang", IpAddr::from([10, 0, 1, 1]), now, &p);
        let (n, until) = th.account_state("ZHANG", now);
        assert_eq!(n, 50);
        assert!(until.is_some_and(|u| u > now), "locked for everyone after 50 failures");
        th.clear_account("zhang");
        assert_eq!(th.account_state("zhang", now), (0, None));
    }

    #[test]
    fn delays_grow_and_reset_on_expiry() {
        let p = ThrottlePolicy::new(5, Duration::minutes(15));
        let th = LoginThrottle::default();
        let a: IpAddr = [10, 0, 0, 1].into();
        let now = t0();
        for _ in 0..4 {
            assert_eq!(th.failure("admin", a, now, &p), None);
        }
        let first = th.failure("admin", a, now, &p);
        assert_eq!(first, Some(now + Duration::seconds(30)));
        assert_eq!(th.blocked("admin", a, now), first);
        let later = now + Duration::seconds(31);
        assert_eq!(th.blocked("admin", a, later), None);
        assert_eq!(th.failure("admin", a, later, &p), Some(later + Duration::seconds(60)), "doubles");
        // The owner from another address is not held up.
        let owner: IpAddr = [10, 0, 0, 2].into();
        assert_eq!(th.blocked("admin", owner, later), None);
        // After the window and the delay, the count starts again.
        let much_later = later + Duration::minutes(16);
        assert_eq!(th.blocked("admin", a, much_later), None);
        assert_eq!(th.failure("admin", a, much_later, &p), None, "reset on expiry");
    }

    #[test]
    fn one_try_per_window_never_locks() {
        let p = ThrottlePolicy::new(5, Duration::minutes(15));
        let th = LoginThrottle::default();
        let a: IpAddr = [10, 0, 0, 1].into();
        for i in 0..20 {
            let now = t0() + Duration::minutes(15 * i);
            assert_eq!(th.blocked("admin", a, now), None, "attempt {i}");
            assert_eq!(th.failure("admin", a, now, &p), None, "attempt {i}");
        }
    }

    #[test]
    fn success_clears_and_unknown_names_count_the_same() {
        let p = ThrottlePolicy::new(3, Duration::minutes(15));
        let th = LoginThrottle::default();
        let a: IpAddr = [10, 0, 0, 1].into();
        let now = t0();
        th.failure("fzb", a, now, &p);
        th.failure("fzb", a, now, &p);
        th.success("fzb", a);
        assert_eq!(th.failure("fzb", a, now, &p), None, "counter cleared by success");
        let known = (0..3).map(|_| th.failure("known", [10, 0, 0, 3].into(), now, &p)).collect::<Vec<_>>();
        let unknown = (0..3).map(|_| th.failure("no-such", [10, 0, 0, 4].into(), now, &p)).collect::<Vec<_>>();
        assert_eq!(known, unknown);
        th.clear_account("known");
        assert_eq!(th.blocked("known", [10, 0, 0, 3].into(), now), None);
    }

    #[test]
    fn spraying_from_one_address_is_slowed() {
        let p = ThrottlePolicy::new(5, Duration::minutes(15));
        let th = LoginThrottle::default();
        let a: IpAddr = [10, 0, 0, 9].into();
        let now = t0();
        let blocked = (0..20).filter_map(|i| th.failure(&format!("user{i}"), a, now, &p)).count();
        assert_eq!(blocked, 1, "the 20th name from one address starts a delay");
        assert!(th.blocked("someone-else", a, now).is_some());
    }
}
