//! The First Integration Guide, step by step, through the client against the sandbox.

use dxtra_tests::*;

#[tokio::test]
async fn the_whole_guide_works_through_the_client() {
    let sandbox = sandbox_with(|c| c.token_lifetime = 900).await;
    let client = client(&sandbox).await;
    let controller_id = sandbox.info().data_controller_id.clone();

    // Step 2: authenticate.
    let info = client.sign_in().await.expect("the demo PAT signs in");
    assert!(info.roles.contains(&"user".to_string()), "roles: {:?}", info.roles);
    assert_eq!(info.default_role.as_deref(), Some("user"));
    assert_eq!(info.lifetime_secs, 900, "lifetime comes from the answer, not a constant");
    assert_eq!(info.display_name.as_deref(), Some("Sandbox Developer"));
    assert_eq!(client.session_info(), Some(info));

    // Step 3: the controllers, then a data subject.
    let controllers = client.data_controllers().await.unwrap();
    assert_eq!(controllers.len(), 1);
    assert_eq!(controllers[0].id, controller_id);
    let did = controllers[0].did.as_deref().unwrap();
    assert!(did.starts_with("did:dep:") && did.len() == 8 + 64);
    assert!(controllers[0].created_at.as_deref().unwrap().starts_with("2026-"));

    let fields = client.create_input_fields().await.unwrap();
    let names: Vec<&str> = fields.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["event", "dataControllerId", "payload"]);
    assert!(fields.iter().all(|f| f.required));
    assert_eq!(fields[1].type_name, "uuid!");

    let created = client.create_data_subject(&guide_input(&controller_id, "test@example.com")).await.unwrap();
    assert_eq!(created.message.as_deref(), Some("Data subject created"));
    assert_eq!(created.data_subject_id.len(), 36);

    // Step 4: verify, with the reads introspection finds.
    let reads = client.verification_reads().await.unwrap();
    assert!(reads.data_subject && reads.data_subjects && reads.processing_activities);
    let subject = client.data_subject(&created.data_subject_id).await.unwrap().expect("read back");
    assert_eq!(subject.id, created.data_subject_id);
    assert_eq!(subject.data_controller.as_ref().unwrap().id, controller_id);
    let listed = client.data_subjects(&controller_id).await.unwrap();
    assert_eq!(listed.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(), [created.data_subject_id.as_str()]);
    let activities = client.processing_activities(&created.data_subject_id).await.unwrap();
    assert_eq!(activities.len(), 1);
    assert_eq!(activities[0].event.as_deref(), Some("signup"));
    assert_eq!(activities[0].data_controller_id.as_deref(), Some(controller_id.as_str()));

    let stats = sandbox.stats();
    assert_eq!((stats.signins, stats.refreshes, stats.mutations), (1, 0, 1));
}

#[tokio::test]
async fn the_same_email_resolves_to_the_same_subject_and_each_event_is_recorded() {
    let sandbox = sandbox().await;
    let client = client(&sandbox).await;
    let controller = sandbox.info().data_controller_id.clone();

    let first = client.create_data_subject(&guide_input(&controller, "ada@example.com")).await.unwrap();
    let mut again = guide_input(&controller, "  ADA@example.com ");
    again.event = "login".into();
    let second = client.create_data_subject(&again).await.unwrap();
    let other = client.create_data_subject(&guide_input(&controller, "grace@example.com")).await.unwrap();

    assert_eq!(first.data_subject_id, second.data_subject_id);
    assert_ne!(first.data_subject_id, other.data_subject_id);
    assert_ne!(first.message, second.message, "a repeat says the subject already existed");
    let events: Vec<String> = client
        .processing_activities(&first.data_subject_id)
        .await
        .unwrap()
        .into_iter()
        .filter_map(|a| a.event)
        .collect();
    assert_eq!(events, ["signup", "login"]);
    assert_eq!(client.data_subjects(&controller).await.unwrap().len(), 2);
}

#[tokio::test]
async fn a_pat_with_surrounding_whitespace_is_trimmed_not_recased() {
    let sandbox = sandbox().await;
    let pat = format!("  {}\n", sandbox.info().personal_access_token);
    let client = client_with_pat(&sandbox, &pat, test_config()).await;
    client.sign_in().await.expect("trimmed PAT signs in");

    let upper = sandbox.info().personal_access_token.to_uppercase();
    let client = client_with_pat(&sandbox, &upper, test_config()).await;
    assert_eq!(client.sign_in().await.unwrap_err().kind(), "request-validation");
}

#[tokio::test]
async fn debug_output_of_the_client_holds_no_secret() {
    let sandbox = sandbox().await;
    let client = client(&sandbox).await;
    client.sign_in().await.unwrap();
    let token = client.access_token().await.unwrap();
    let debug = format!("{client:?}");
    assert!(!debug.contains(&sandbox.info().personal_access_token));
    assert!(!debug.contains(dxtra_api::ExposeSecret::expose_secret(&token)));
    assert!(debug.contains("[redacted]"));
}

/// Where `dataSubject(id:)` is absent, verification reads the one subject through a filtered
/// `dataSubjects`: a controller with many subjects does not overflow the answer-size cap.
#[tokio::test]
async fn a_subject_is_found_by_id_in_a_controller_too_big_to_list() {
    let sandbox = sandbox().await;
    let controller = sandbox.info().data_controller_id.clone();
    let writer = client(&sandbox).await;
    let mut ids = Vec::new();
    for n in 0..40 {
        ids.push(
            writer
                .create_data_subject(&guide_input(&controller, &format!("u{n}@example.com")))
                .await
                .unwrap(),
        );
    }
    let small = ClientConfig { max_response_bytes: 2048, ..test_config() };
    let reader = client_with_pat(&sandbox, &sandbox.info().personal_access_token, small).await;
    let listed = reader.data_subjects(&controller).await.expect_err("forty subjects exceed 2 KiB");
    assert_eq!(listed.kind(), "too-large", "{listed:?}");
    let wanted = &ids[17].data_subject_id;
    let found = reader.subject_in(&controller, wanted).await.unwrap().expect("found by id");
    assert_eq!(&found.id, wanted);
    let other_controller = uuid::Uuid::new_v4().to_string();
    assert!(
        reader.subject_in(&other_controller, wanted).await.unwrap().is_none(),
        "only in its own controller"
    );
}
