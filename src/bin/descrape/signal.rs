//! Catches SIGINT and SIGTERM: the first raises a flag the runners look at (they stop taking
//! work, abandon what is half done, remove their temporary files and print what was done); a
//! second one ends the process at once.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use anyhow::Result;
use signal_hook::consts::{SIGINT, SIGTERM};

use crate::exit::ExitCode;

/// The stop flag and which signal raised it.
#[derive(Clone, Debug, Default)]
pub struct Interrupt {
    flag: Arc<AtomicBool>,
    which: Arc<AtomicUsize>,
}

impl Interrupt {
    /// Installs the handlers.
    pub fn install() -> Result<Interrupt> {
        let i = Interrupt::default();
        for (sig, code) in [(SIGINT, 130), (SIGTERM, 143)] {
            // Order matters: the shutdown only fires when the flag is already up.
            signal_hook::flag::register_conditional_shutdown(sig, code, Arc::clone(&i.flag))?;
            signal_hook::flag::register_usize(sig, Arc::clone(&i.which), sig as usize)?;
            signal_hook::flag::register(sig, Arc::clone(&i.flag))?;
        }
        Ok(i)
    }

    /// The flag the runners poll.
    pub fn flag(&self) -> &AtomicBool {
        &self.flag
    }

    /// Whether a signal came.
    pub fn is_set(&self) -> bool {
        self.flag.load(Ordering::Relaxed)
    }

    /// The signal's name and exit code, if one came.
    pub fn caught(&self) -> Option<(&'static str, ExitCode)> {
        if !self.is_set() {
            return None;
        }
        Some(match self.which.load(Ordering::Relaxed) as i32 {
            SIGTERM => ("SIGTERM", ExitCode::Terminated),
            _ => ("SIGINT", ExitCode::Interrupted),
        })
    }
}
