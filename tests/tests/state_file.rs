//! The sandbox's state file: nothing lost when creates race (each write is of the newest data,
//! taken under the lock and written after it), and a file that cannot be read is kept aside and
//! said, the sandbox starting afresh instead of refusing to start at every launch.

use dxtra_tests::network::scratch;
use dxtra_tests::*;
use futures_util::future::join_all;

#[tokio::test]
async fn racing_creates_are_all_in_the_state_file() {
    let folder = scratch("state-race");
    let state = folder.join("state.json");
    let sandbox = sandbox_with(|c| c.state_file = Some(state.clone())).await;
    let controller_id = sandbox.info().data_controller_id.clone();
    let clients = join_all((0..12).map(|_| client(&sandbox))).await;
    let created = join_all(clients.iter().enumerate().map(|(n, client)| {
        let input = guide_input(&controller_id, &format!("racer{n}@example.com"));
        async move { client.create_data_subject(&input).await.expect("each create succeeds") }
    }))
    .await;
    // The last write may still be on its blocking thread when the last answer arrives.
    let mut missing = Vec::new();
    for _ in 0..100 {
        let saved = std::fs::read_to_string(&state).unwrap_or_default();
        missing = created.iter().filter(|c| !saved.contains(&c.data_subject_id)).collect();
        if missing.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert!(missing.is_empty(), "subjects missing from the state file: {missing:?}");
    assert!(sandbox.state_notice().is_none());
    let _ = std::fs::remove_dir_all(&folder);
}

#[tokio::test]
async fn an_unreadable_state_file_is_kept_aside_and_the_sandbox_starts_afresh() {
    let folder = scratch("state-bad");
    let state = folder.join("state.json");
    let half_written = br#"{"controllers": [{"id": "5d2c"#;
    std::fs::write(&state, half_written).unwrap();

    let config = SandboxConfig { state_file: Some(state.clone()), ..SandboxConfig::default() };
    let sandbox = Sandbox::start(config).await.expect("starts although the file cannot be read");
    let notice = sandbox.state_notice().expect("the loss is said");
    let aside = folder.join("state.json.bad");
    assert!(
        notice.contains("could not be read") && notice.contains(&aside.display().to_string()),
        "{notice}"
    );
    assert_eq!(std::fs::read(&aside).unwrap(), half_written, "the unreadable file is kept, unchanged");

    let client = client(&sandbox).await;
    let controllers = client.data_controllers().await.unwrap();
    assert_eq!(controllers[0].id, sandbox.info().data_controller_id, "seeded with the demo controller");
    let input = guide_input(&controllers[0].id, "after@example.com");
    let created = client.create_data_subject(&input).await.unwrap();
    for _ in 0..100 {
        if std::fs::read_to_string(&state).is_ok_and(|s| s.contains(&created.data_subject_id)) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    let saved: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&state).unwrap()).unwrap();
    assert_eq!(saved["subjects"].as_array().unwrap().len(), 1, "{saved}");
    let _ = std::fs::remove_dir_all(&folder);
}
