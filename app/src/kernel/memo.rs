//! Short-lived, per-node results shared between requests: N open dashboards asking for the same
//! counts within a second cost one computation, not N.
//!
//! A caller says how fresh a result must be: computed (started) no earlier than `fresh_after`.
//! One computation runs per key at a time; callers arriving meanwhile wait for it and take its
//! result. Only for figures where being a second stale is harmless (DESIGN.md, "Scale-out").

use std::any::Any;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Instant;

use super::lock;

/// A feature's name for the figure, and what it is for (a viewer's id, or 0 for everyone).
pub type MemoKey = (&'static str, i64);

/// The most keys held; a full memo starts over.
const MAX_KEYS: usize = 10_000;

pub struct Memo {
    slots: Mutex<HashMap<MemoKey, Arc<tokio::sync::Mutex<Option<Entry>>>>>,
    /// When something last changed that any figure may reflect.
    changed_at: Mutex<Instant>,
}

impl Default for Memo {
    fn default() -> Self {
        Self {
            slots: Mutex::default(),
            changed_at: Mutex::new(Instant::now()),
        }
    }
}

struct Entry {
    started: Instant,
    value: Arc<dyn Any + Send + Sync>,
}

impl Memo {
    /// Something changed (this node answered a request that may have written, or the change
    /// feed saw another node's change): figures computed before now are not shared any more.
    pub fn invalidate(&self) {
        *lock(&self.changed_at) = Instant::now();
    }

    /// For a page load: figures at most `max_age` old, and none from before the last change, so a
    /// page shows what was just done.
    pub fn fresh_for(&self, max_age: std::time::Duration) -> Instant {
        let changed = *lock(&self.changed_at);
        Instant::now()
            .checked_sub(max_age)
            .map_or(changed, |oldest| oldest.max(changed))
    }

    /// The result for `key` computed no earlier than `fresh_after`, else `load`'s.
    pub async fn get_or_load<T, E, Fut>(
        &self,
        key: MemoKey,
        fresh_after: Instant,
        load: impl FnOnce() -> Fut,
    ) -> Result<T, E>
    where
        T: Clone + Send + Sync + 'static,
        Fut: Future<Output = Result<T, E>>,
    {
        let slot = {
            let mut slots = lock(&self.slots);
            if slots.len() >= MAX_KEYS && !slots.contains_key(&key) {
                slots.clear();
            }
            slots.entry(key).or_default().clone()
        };
        let mut entry = slot.lock().await;
        if let Some(held) = entry.as_ref()
            && held.started >= fresh_after
            && let Some(value) = held.value.downcast_ref::<T>()
        {
            return Ok(value.clone());
        }
        let started = Instant::now();
        let value = load().await?;
        *entry = Some(Entry {
            started,
            value: Arc::new(value.clone()),
        });
        Ok(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::time::Duration;

    #[tokio::test]
    async fn concurrent_callers_share_one_computation_and_stale_results_are_recomputed() {
        let memo = Arc::new(Memo::default());
        let runs = Arc::new(AtomicUsize::new(0));
        let since = Instant::now();
        let calls = (0..20).map(|_| {
            let (memo, runs) = (memo.clone(), runs.clone());
            tokio::spawn(async move {
                memo.get_or_load(("test", 1), since, || async {
                    runs.fetch_add(1, Ordering::SeqCst);
                    tokio::time::sleep(Duration::from_millis(20)).await;
                    Ok::<_, ()>(7)
                })
                .await
            })
        });
        for call in calls {
            assert_eq!(call.await.unwrap(), Ok(7));
        }
        assert_eq!(runs.load(Ordering::SeqCst), 1);

        // A caller that needs a result newer than the one held gets a new computation.
        let later = Instant::now();
        let value = memo
            .get_or_load(("test", 1), later, || async { Ok::<_, ()>(8) })
            .await;
        assert_eq!(value, Ok(8));
        // Another key is another figure; a failed load keeps nothing.
        let failed = memo
            .get_or_load(("test", 2), later, || async { Err::<i32, _>("down") })
            .await;
        assert_eq!(failed, Err("down"));
        let retried = memo
            .get_or_load(("test", 2), later, || async { Ok::<_, &str>(9) })
            .await;
        assert_eq!(retried, Ok(9));

        // After a change, a page load wants figures from after it.
        let shared = memo.fresh_for(Duration::from_secs(60));
        assert_eq!(
            memo.get_or_load(("test", 1), shared, || async { Ok::<_, ()>(10) })
                .await,
            Ok(8),
            "shared while nothing changed"
        );
        memo.invalidate();
        let after_change = memo.fresh_for(Duration::from_secs(60));
        assert_eq!(
            memo.get_or_load(("test", 1), after_change, || async { Ok::<_, ()>(11) })
                .await,
            Ok(11)
        );
    }
}
