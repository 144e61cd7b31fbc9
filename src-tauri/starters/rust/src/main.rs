//! The guide's steps with this client: list the data controllers, record a data subject.

use dxtra_starter::{Config, DxtraClient};
use serde_json::json;

fn main() {
    let config = Config::from_env().unwrap_or_else(|message| {
        eprintln!("{message}");
        std::process::exit(2);
    });
    let controller_id = config.controller_id.clone();
    let mut client = DxtraClient::new(config);
    let result = client.data_controllers().and_then(|controllers| {
        let names: Vec<String> = controllers.iter().map(|c| format!("{} ({})", c.title.as_deref().unwrap_or("untitled"), c.id)).collect();
        println!("Data controllers: {}", names.join(", "));
        client.create_data_subject("signup", &controller_id, json!({ "displayName": "Test User", "email": "test@example.com", "country": "US" }))
    });
    match result {
        Ok(created) => println!("Recorded data subject {}", created.data_subject_id),
        Err(error) => {
            eprintln!("{error}");
            if let Some(solution) = error.solution() {
                eprintln!("Solution: {solution}");
            }
            std::process::exit(1);
        }
    }
}
