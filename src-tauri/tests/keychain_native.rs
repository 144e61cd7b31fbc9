//! The OS keychain itself, on whichever desktop runs the test: GNOME Keyring (Secret Service) in
//! tests/run.sh, the macOS Keychain and Windows Credential Manager in the workflow's legs
//! (.github/workflows/desktop.yml). A PAT saved is read back, a long Custom origin's entry (over
//! Credential Manager's 513-byte user name) is kept and found, two such origins keep apart, and a
//! delete leaves nothing. Run one at a time: the entries are the real keychain's.

use dxtra_wizard_lib::keychain::{Keychain, SecretStore};
use secrecy::{ExposeSecret, SecretString};

fn custom(host: &str) -> String {
    format!("custom:https://{host}.example https://api.{host}.example")
}

#[test]
#[ignore = "needs the desktop's keychain: tests/run.sh runs it in tests/e2e/with-desktop.sh, the workflow on macOS and Windows"]
fn the_os_keychain_keeps_finds_and_forgets_a_pat_for_short_and_long_origins() {
    let store = Keychain;
    let tag = uuid::Uuid::new_v4().simple().to_string();
    let short = custom(&format!("short-{tag}"));
    // Two origins over 513 bytes that differ only at their very end.
    let long_a = custom(&format!("{}-a-{tag}", "a".repeat(300)));
    let long_b = custom(&format!("{}-b-{tag}", "a".repeat(300)));
    for key in [&short, &long_a, &long_b] {
        assert!(store.get(key).unwrap().is_none(), "{key} is there before it was saved");
    }
    store.set(&short, &SecretString::from("pat-short".to_owned())).expect("a short origin's PAT is kept");
    store.set(&long_a, &SecretString::from("pat-long-a".to_owned())).expect("a long origin's PAT is kept");
    store
        .set(&long_b, &SecretString::from("pat-long-b".to_owned()))
        .expect("a second long origin's PAT is kept");
    let read = |key: &str| store.get(key).unwrap().map(|s| s.expose_secret().to_owned());
    assert_eq!(read(&short).as_deref(), Some("pat-short"));
    assert_eq!(read(&long_a).as_deref(), Some("pat-long-a"));
    assert_eq!(read(&long_b).as_deref(), Some("pat-long-b"), "two long origins share one entry");

    for key in [&short, &long_a, &long_b] {
        store.delete(key).expect("the entry is deleted");
        assert!(store.get(key).unwrap().is_none(), "{key} is still there after a delete");
        store.delete(key).expect("deleting what is not there is not an error");
    }
}
