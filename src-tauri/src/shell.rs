//! The commands the app tells a user to run, in their shell: PowerShell on Windows (`cd '…';
//! $env:NAME = '…'; …`), a POSIX shell elsewhere (`cd … && NAME='…' …`), paths quoted as that
//! shell needs and shown with the platform's separators (the caller's `Path` already has them).
//! A leaf: it knows quoting and nothing of starters or environments. Every function takes the
//! shell, so both are tested on any machine; only `Shell::current` asks the platform.

use std::path::Path;

/// Which shell a "run this" line is written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shell {
    /// sh, bash, zsh: macOS's and Linux's terminals.
    Posix,
    /// Windows' terminal (PowerShell 5.1, which has no `&&`, and 7).
    PowerShell,
}

impl Shell {
    /// The shell of this platform's terminal.
    pub fn current() -> Shell {
        match crate::os::Os::CURRENT {
            crate::os::Os::Windows => Shell::PowerShell,
            crate::os::Os::Linux | crate::os::Os::MacOs => Shell::Posix,
        }
    }

    /// `text` as one word of this shell, quoted only when it needs to be.
    pub fn quote(self, text: &str) -> String {
        match self {
            Shell::Posix
                if !text.is_empty()
                    && text.chars().all(|c| c.is_ascii_alphanumeric() || "/._-~+=:,@".contains(c)) =>
            {
                text.to_owned()
            }
            Shell::Posix => format!("'{}'", text.replace('\'', r"'\''")),
            // Single quotes are literal in PowerShell; a quote inside is doubled. `$`, backtick
            // and spaces stay as they are.
            Shell::PowerShell
                if !text.is_empty()
                    && text.chars().all(|c| c.is_ascii_alphanumeric() || "\\/._-:".contains(c)) =>
            {
                text.to_owned()
            }
            Shell::PowerShell => format!("'{}'", text.replace('\'', "''")),
        }
    }

    /// Into `folder`, then `command` (which must already be in this shell's words).
    pub fn cd_then(self, folder: &Path, command: &str) -> String {
        let folder = self.quote(&folder.display().to_string());
        match self {
            Shell::Posix => format!("cd {folder} && {command}"),
            Shell::PowerShell => format!("cd {folder}; {command}"),
        }
    }

    /// `text` in single quotes, whatever it holds: a value set in the environment reads as one.
    fn literal(self, text: &str) -> String {
        match self {
            Shell::Posix => format!("'{}'", text.replace('\'', r"'\''")),
            Shell::PowerShell => format!("'{}'", text.replace('\'', "''")),
        }
    }

    /// `command` run with the environment variable `name` set to `value`.
    pub fn with_env(self, name: &str, value: &str, command: &str) -> String {
        let value = self.literal(value);
        match self {
            // Set for this command only.
            Shell::Posix => format!("{name}={value} {command}"),
            // PowerShell has no per-command form: set for the terminal's session.
            Shell::PowerShell => format!("$env:{name} = {value}; {command}"),
        }
    }

    /// How to set `name` in this shell's terminal, for text that tells the user to.
    pub fn set_env_hint(self, name: &str) -> String {
        match self {
            Shell::Posix => format!("export {name}=…"),
            Shell::PowerShell => format!("$env:{name} = '…'"),
        }
    }

    /// Python 3's command: `python3` on macOS and Linux; `python` on Windows (the python.org
    /// installer and the Store's app both put `python` on the PATH, not `python3`).
    pub fn python(self) -> &'static str {
        match self {
            Shell::Posix => "python3",
            Shell::PowerShell => "python",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_this_line_is_written_in_the_users_shell() {
        let cases: &[(Shell, &str, &str)] = &[
            (Shell::Posix, "/home/ana/dxtra-starter", "cd /home/ana/dxtra-starter && npm test"),
            (Shell::Posix, "/home/ana/my projects/it's", r"cd '/home/ana/my projects/it'\''s' && npm test"),
            (Shell::PowerShell, r"C:\Users\ana\dxtra-starter", r"cd C:\Users\ana\dxtra-starter; npm test"),
            (Shell::PowerShell, r"C:\Users\Ana Lee\O'Brien", r"cd 'C:\Users\Ana Lee\O''Brien'; npm test"),
            // `$` would expand inside PowerShell's double quotes: single quotes keep it.
            (Shell::PowerShell, r"C:\Users\$ana", r"cd 'C:\Users\$ana'; npm test"),
        ];
        for (shell, folder, expected) in cases {
            assert_eq!(shell.cd_then(Path::new(folder), "npm test"), *expected, "{shell:?} {folder}");
        }
    }

    #[test]
    fn an_environment_variable_is_set_as_each_shell_sets_it() {
        let pat = "5a1db0c5-0000-4000-8000-000000000000";
        assert_eq!(
            Shell::Posix.with_env("DXTRA_PAT", pat, "npm test"),
            format!("DXTRA_PAT='{pat}' npm test")
        );
        assert_eq!(
            Shell::PowerShell.with_env("DXTRA_PAT", pat, "npm test"),
            format!("$env:DXTRA_PAT = '{pat}'; npm test")
        );
        assert_eq!(Shell::PowerShell.with_env("X", "it's", "y"), "$env:X = 'it''s'; y");
        assert_eq!(Shell::Posix.with_env("X", "it's", "y"), r"X='it'\''s' y");
        assert_eq!(Shell::Posix.set_env_hint("DXTRA_PAT"), "export DXTRA_PAT=…");
        assert_eq!(Shell::PowerShell.set_env_hint("DXTRA_PAT"), "$env:DXTRA_PAT = '…'");
        assert_eq!(Shell::current(), if cfg!(windows) { Shell::PowerShell } else { Shell::Posix });
    }
}
