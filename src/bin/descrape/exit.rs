//! Defines [`ExitCode`]: what the process tells its caller, and how outcomes merge.

/// The process exit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ExitCode {
    /// Everything was cleaned.
    Success,
    /// Some files failed; the rest were cleaned.
    SomeFailed,
    /// A usage or rule-file error: nothing was done.
    Usage,
    /// Stopped by SIGINT (Ctrl-C): what was done is kept.
    Interrupted,
    /// Stopped by SIGTERM.
    Terminated,
}

impl ExitCode {
    /// The worse of two codes.
    pub fn merge(self, other: ExitCode) -> ExitCode {
        self.max(other)
    }
}

impl From<ExitCode> for std::process::ExitCode {
    fn from(c: ExitCode) -> Self {
        std::process::ExitCode::from(match c {
            ExitCode::Success => 0,
            ExitCode::SomeFailed => 1,
            ExitCode::Usage => 2,
            ExitCode::Interrupted => 130,
            ExitCode::Terminated => 143,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merge_keeps_the_worse() {
        assert_eq!(ExitCode::Success.merge(ExitCode::SomeFailed), ExitCode::SomeFailed);
        assert_eq!(ExitCode::Usage.merge(ExitCode::Success), ExitCode::Usage);
    }
}
