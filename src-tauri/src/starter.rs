//! "Create a starter project": a small Node, Python or Rust project written into a folder the user
//! picks, filled with the current environment's endpoints and controller ID (never a secret), whose
//! client handles tokens right and whose own test passes against the Sandbox. The templates live
//! in `src-tauri/starters/<language>/` and are compiled into the app.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::AppError;
use crate::shell::Shell;

/// The languages offered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    Node,
    Python,
    Rust,
}

macro_rules! templates {
    ($dir:literal: $($path:literal),+ $(,)?) => {
        &[$(($path, include_str!(concat!("../starters/", $dir, "/", $path)))),+]
    };
}

const NODE: &[(&str, &str)] = templates!("node": "README.md", ".env.example", "package.json", "src/config.js", "src/dxtra.js", "src/example.js", "test/dxtra.test.js");
const PYTHON: &[(&str, &str)] = templates!("python": "README.md", ".env.example", "dxtra_starter/__init__.py", "dxtra_starter/config.py", "dxtra_starter/client.py", "example.py", "tests/__init__.py", "tests/test_client.py");
const RUST: &[(&str, &str)] = templates!("rust": "README.md", ".env.example", "Cargo.toml", "src/config.rs", "src/lib.rs", "src/main.rs", "tests/sandbox.rs");

impl Language {
    fn templates(self) -> &'static [(&'static str, &'static str)] {
        match self {
            Language::Node => NODE,
            Language::Python => PYTHON,
            Language::Rust => RUST,
        }
    }

    /// How to run the starter's own test, from inside its folder.
    /// Its test, in `shell`'s words.
    pub fn test_command(self, shell: Shell) -> String {
        match self {
            Language::Node => "npm test".to_owned(),
            Language::Python => format!("{} -m unittest -v", shell.python()),
            Language::Rust => "cargo test".to_owned(),
        }
    }
}

/// What is filled in: where the integration talks to. No secret is among them.
#[derive(Debug, Clone)]
pub struct Values {
    pub environment: String,
    pub signin_url: String,
    pub token_url: String,
    pub graphql_url: String,
    pub controller_id: String,
}

/// What was written.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Written {
    pub folder: String,
    pub files: Vec<String>,
    /// The commands to run it: `cd` into it, then its test.
    pub next: String,
}

/// The starter's files, filled with `values`.
pub fn files(language: Language, values: &Values) -> Result<Vec<(&'static str, String)>, AppError> {
    // The values land inside string literals of three languages and a .env file: characters that
    // could end a literal are refused rather than escaped three ways (URLs and IDs never need them).
    for (name, value) in [
        ("sign-in URL", &values.signin_url),
        ("refresh URL", &values.token_url),
        ("GraphQL URL", &values.graphql_url),
        ("controller ID", &values.controller_id),
    ] {
        if value.is_empty()
            || value.chars().any(|c| c.is_whitespace() || c.is_control() || "'\"`\\{}$".contains(c))
        {
            return Err(AppError::Starter {
                detail: format!("the {name} ({value:?}) cannot be written into code as it is"),
            });
        }
    }
    let fill = |text: &str| {
        text.replace("{{SIGNIN_URL}}", &values.signin_url)
            .replace("{{TOKEN_URL}}", &values.token_url)
            .replace("{{GRAPHQL_URL}}", &values.graphql_url)
            .replace("{{CONTROLLER_ID}}", &values.controller_id)
            .replace("{{ENVIRONMENT}}", &values.environment)
    };
    Ok(language.templates().iter().map(|(path, text)| (*path, fill(text))).collect())
}

/// Longest folder path accepted, in characters (Linux allows 4096 bytes, Windows 260 unless
/// long paths are enabled: a starter folder needs neither).
const MAX_FOLDER_CHARS: usize = 1024;
/// Longest name of one folder in the path, in bytes (ext4, APFS and NTFS allow 255).
const MAX_NAME_BYTES: usize = 255;

/// The folder the user typed: absolute, or starting with `~/`; no control characters, no name
/// longer than file systems allow.
pub fn resolve_folder(typed: &str, home: Option<&Path>) -> Result<PathBuf, AppError> {
    let typed = typed.trim();
    let invalid =
        |problem: &str| AppError::InvalidInput { field: "starter-folder", problem: problem.to_owned() };
    if typed.is_empty() {
        return Err(invalid("Enter the folder to create the starter project in."));
    }
    if let Some((at, c)) = typed.chars().enumerate().find(|(_, c)| c.is_control()) {
        return Err(invalid(&format!(
            "The folder has an invisible control character (U+{:04X}) at character {}: type the path again.",
            c as u32,
            at + 1
        )));
    }
    if typed.chars().count() > MAX_FOLDER_CHARS {
        return Err(invalid(&format!("The folder path is longer than {MAX_FOLDER_CHARS} characters.")));
    }
    if let Some(name) = typed.split(['/', '\\']).find(|name| name.len() > MAX_NAME_BYTES) {
        let start: String = name.chars().take(24).collect();
        return Err(invalid(&format!(
            "The name \u{201c}{start}\u{2026}\u{201d} is longer than {MAX_NAME_BYTES} bytes, more than a folder's name may be."
        )));
    }
    let path = match typed.strip_prefix("~/") {
        Some(rest) => {
            home.ok_or_else(|| invalid("Your home folder is unknown: enter the full path."))?.join(rest)
        }
        None => PathBuf::from(typed),
    };
    if !path.is_absolute() {
        return Err(invalid("Enter a full path (starting with / or ~/)."));
    }
    Ok(path)
}

/// Writes the starter into `folder`, which must be new or empty: nothing of the user's is ever
/// overwritten. Blocking file I/O: call it on a blocking thread.
pub fn write(folder: &Path, language: Language, values: &Values) -> Result<Written, AppError> {
    let files = files(language, values)?;
    let failed = |what: &str, error: std::io::Error| AppError::Starter {
        detail: format!("{what} {}: {error}", folder.display()),
    };
    match std::fs::read_dir(folder) {
        Ok(mut entries) => {
            if entries.next().is_some() {
                return Err(AppError::Starter { detail: format!("{} is not empty", folder.display()) });
            }
        }
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            std::fs::create_dir_all(folder).map_err(|e| failed("could not create", e))?
        }
        Err(error) => return Err(failed("could not read", error)),
    }
    // Every file and subfolder is created new (never opened if it exists, never through a link
    // planted meanwhile); on a failure what was created is removed, so a retry finds it empty.
    let mut created: Vec<PathBuf> = Vec::new();
    let result = files.iter().try_for_each(|(path, text)| write_new(folder, path, text, &mut created));
    if let Err(error) = result {
        for path in created.iter().rev() {
            let _ = std::fs::remove_file(path).or_else(|_| std::fs::remove_dir(path));
        }
        return Err(failed("could not write into", error));
    }
    Ok(Written {
        folder: folder.display().to_string(),
        files: files.iter().map(|(path, _)| (*path).to_owned()).collect(),
        next: next_command(Shell::current(), folder, language, None),
    })
}

/// What to run next in `shell`: into the folder, then the project's test, with the PAT set when
/// it may be shown (the Sandbox's practice PAT, which is public; never a user's).
pub fn next_command(shell: Shell, folder: &Path, language: Language, practice_pat: Option<&str>) -> String {
    let test = language.test_command(shell);
    let test = match practice_pat {
        Some(pat) => shell.with_env("DXTRA_PAT", pat, &test),
        None => test,
    };
    shell.cd_then(folder, &test)
}

/// Creates `folder/relative` (and its missing subfolders) as new entries, recording each.
fn write_new(folder: &Path, relative: &str, text: &str, created: &mut Vec<PathBuf>) -> std::io::Result<()> {
    use std::io::Write;
    let mut at = folder.to_path_buf();
    let mut parts = relative.split('/').peekable();
    while let Some(part) = parts.next() {
        at.push(part);
        if parts.peek().is_some() {
            if !created.contains(&at) {
                std::fs::create_dir(&at)?;
                created.push(at.clone());
            }
        } else {
            let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(&at)?;
            created.push(at.clone());
            file.write_all(text.as_bytes())?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values() -> Values {
        Values {
            environment: "the Sandbox".into(),
            signin_url: "http://127.0.0.1:4000/v1/signin/pat".into(),
            token_url: "http://127.0.0.1:4000/v1/token".into(),
            graphql_url: "http://127.0.0.1:4001/v1/graphql".into(),
            controller_id: "0c0ffee0-d7a0-4c1a-9e5b-5a2db0c5a2db".into(),
        }
    }

    #[test]
    fn every_placeholder_is_filled_and_no_secret_is_asked_for() {
        for language in [Language::Node, Language::Python, Language::Rust] {
            let files = files(language, &values()).unwrap();
            assert!(
                files.iter().any(|(path, _)| *path == "README.md")
                    && files.iter().any(|(path, _)| *path == ".env.example")
            );
            for (path, text) in &files {
                let left = text
                    .match_indices("{{")
                    .any(|(at, _)| text[at + 2..].starts_with(|c: char| c.is_ascii_uppercase()));
                assert!(!left, "{language:?} {path} keeps a placeholder");
            }
            let env = &files.iter().find(|(path, _)| *path == ".env.example").unwrap().1;
            assert!(env.contains("DXTRA_GRAPHQL_URL=http://127.0.0.1:4001/v1/graphql"));
            assert!(
                !env.lines().any(|line| line.starts_with("DXTRA_PAT=")),
                "the PAT is never put in a file"
            );
        }
    }

    #[test]
    fn a_value_that_could_break_out_of_a_literal_is_refused() {
        let bad = Values { graphql_url: "https://api.example/'); process.exit(1); ('".into(), ..values() };
        assert_eq!(files(Language::Node, &bad).unwrap_err().kind(), "starter");
    }

    #[test]
    fn a_folder_with_files_is_never_written_into() {
        let dir = std::env::temp_dir().join(format!("dxtra-starter-unit-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("mine.txt"), "keep").unwrap();
        let error = write(&dir, Language::Python, &values()).unwrap_err();
        assert!(error.to_string().contains("not empty"), "{error}");
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
        let fresh = dir.join("new/starter");
        let written = write(&fresh, Language::Python, &values()).unwrap();
        assert!(fresh.join("dxtra_starter/client.py").exists());
        assert!(written.next.ends_with(&Language::Python.test_command(Shell::current())), "{}", written.next);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn folders_are_full_paths() {
        let home = Path::new("/home/ada");
        assert_eq!(
            resolve_folder(" ~/dxtra-starter ", Some(home)).unwrap(),
            Path::new("/home/ada/dxtra-starter")
        );
        assert_eq!(resolve_folder("relative/path", Some(home)).unwrap_err().kind(), "invalid-input");
        assert_eq!(resolve_folder("", Some(home)).unwrap_err().kind(), "invalid-input");
    }

    #[test]
    fn a_folder_with_control_characters_or_overlong_names_is_refused_saying_why() {
        let home = Path::new("/home/ada");
        let long_name = format!("~/{}", "n".repeat(256));
        let long_path = format!("~/{}", "abc/".repeat(300));
        let table: &[(&str, &str)] = &[
            ("~/dxtra\nstarter", "U+000A) at character 8"),
            ("/tmp/a\u{7}b", "U+0007"),
            ("~/dxtra\u{85}starter", "U+0085"),
            (&long_name, "longer than 255 bytes"),
            (&long_path, "longer than 1024 characters"),
        ];
        for (typed, says) in table {
            let error = resolve_folder(typed, Some(home)).expect_err(typed);
            let AppError::InvalidInput { field, problem } = &error else { panic!("{error:?}") };
            assert_eq!(*field, "starter-folder");
            assert!(problem.contains(says), "{typed:?}: {problem}");
        }
        let at_limit = format!("~/{}", "n".repeat(255));
        assert!(resolve_folder(&at_limit, Some(home)).is_ok(), "a 255-byte name is fine");
        assert!(
            resolve_folder("~/Projets/démarrage dxtra", Some(home)).is_ok(),
            "accents and spaces are fine"
        );
    }
}
