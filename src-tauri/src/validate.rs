//! Checks of every value the page sends, made again in Rust: the page's checks are for speed, these
//! for safety. The messages are the page's own (`ui/lib/validate.js`; a test keeps them equal), so
//! a user reads the same words whichever side caught it. Nothing is sent or saved before they pass.

use dxtra_api::CreateDataSubjectInput;

use crate::error::AppError;

/// The longest PAT accepted: hasura-auth's are 36 characters; other forms are longer, not this long.
pub const MAX_PAT_CHARS: usize = 512;
pub const MAX_EVENT_CHARS: usize = 64;
pub const MAX_EMAIL_CHARS: usize = 254;
pub const MAX_DISPLAY_NAME_CHARS: usize = 200;
pub const MAX_URL_CHARS: usize = 2048;

fn invalid(field: &'static str, message: impl Into<String>) -> AppError {
    AppError::InvalidInput { field, problem: message.into() }
}

/// Characters a person cannot see: zero-width spaces and joiners, the byte-order mark, the soft
/// hyphen, bidirectional controls.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}' | '\u{E0000}'..='\u{E007F}')
}

/// The PAT as it will be kept: trimmed, and refused when empty, too long, or holding spaces,
/// control or invisible characters (which no dashboard shows, and which would replace a working PAT).
pub fn pat(value: &str) -> Result<String, AppError> {
    let pat = value.trim();
    if pat.is_empty() {
        return Err(invalid("pat", "Paste the Personal Access Token from Dashboard > API Keys."));
    }
    let chars = pat.chars().count();
    if chars > MAX_PAT_CHARS {
        return Err(invalid("pat", format!("This is {chars} characters long; a Personal Access Token is at most {MAX_PAT_CHARS}. Paste only the token.")));
    }
    if pat.chars().any(char::is_whitespace) && pat.chars().all(|c| c.is_ascii_graphic() || c.is_whitespace())
    {
        return Err(invalid(
            "pat",
            "The token has spaces or line breaks inside it; paste it exactly as shown.",
        ));
    }
    // Every known PAT form (a UUID, dxtra_pat_…) is printable ASCII: anything else is a copy's
    // stowaway, visible or not.
    if let Some((at, c)) = pat.chars().enumerate().find(|(_, c)| !c.is_ascii_graphic()) {
        return Err(invalid("pat", format!("The token holds U+{:04X} at position {}, which is not part of any Personal Access Token (they are plain printable ASCII: letters, digits, - and _); copy it again from the dashboard.", c as u32, at + 1)));
    }
    Ok(pat.to_owned())
}

fn is_uuid(text: &str) -> bool {
    text.len() == 36
        && text.char_indices().all(|(i, c)| {
            if matches!(i, 8 | 13 | 18 | 23) {
                c == '-'
            } else {
                c.is_ascii_hexdigit()
            }
        })
}

/// A controller ID: required here (`label` names it in the message).
pub fn uuid(value: &str, label: &str) -> Result<String, AppError> {
    let id = value.trim();
    if id.is_empty() {
        return Err(invalid("controllerId", format!("{label} is required.")));
    }
    if id.starts_with("did:") {
        return Err(invalid(
            "controllerId",
            format!("{label} is the controller's UUID \"id\", not its DID."),
        ));
    }
    if !is_uuid(id) {
        return Err(invalid(
            "controllerId",
            format!("{label} must be a UUID like 0c0ffee0-d7a0-4c1a-9e5b-5a2db0c5a2db."),
        ));
    }
    Ok(id.to_owned())
}

/// A controller ID that may be left empty (step 1: step 3 lists them).
pub fn optional_uuid(value: &str, label: &str) -> Result<String, AppError> {
    if value.trim().is_empty() {
        return Ok(String::new());
    }
    uuid(value, label)
}

pub fn event(value: &str) -> Result<String, AppError> {
    let event = value.trim();
    if event.is_empty() {
        return Err(invalid("event", "The event is required, e.g. signup."));
    }
    let first_ok = event.chars().next().is_some_and(|c| c.is_ascii_lowercase());
    if !first_ok || !event.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_') {
        return Err(invalid("event", "Use a lowercase event name such as signup (letters, digits, _)."));
    }
    if event.chars().count() > MAX_EVENT_CHARS {
        return Err(invalid("event", format!("Keep the event under {MAX_EVENT_CHARS} characters.")));
    }
    Ok(event.to_owned())
}

pub fn email(value: &str) -> Result<String, AppError> {
    let email = value.trim();
    if email.is_empty() {
        return Err(invalid("email", "The email is required."));
    }
    let at = email.find('@');
    if email.chars().any(char::is_whitespace) || !matches!(at, Some(i) if i >= 1) || email.rfind('@') != at {
        return Err(invalid("email", "Enter an email address like test@example.com."));
    }
    let domain = &email[at.unwrap_or(0) + 1..];
    if !domain.contains('.') || domain.starts_with('.') || domain.ends_with('.') {
        return Err(invalid("email", "The email's domain looks incomplete (e.g. example.com)."));
    }
    if email.chars().count() > MAX_EMAIL_CHARS || email.chars().any(|c| c.is_control() || is_invisible(c)) {
        return Err(invalid("email", "Enter an email address like test@example.com."));
    }
    Ok(email.to_owned())
}

pub fn country(value: &str) -> Result<Option<String>, AppError> {
    let code = value.trim();
    if code.is_empty() {
        return Ok(None);
    }
    if !COUNTRY_CODES.contains(&code) {
        return Err(invalid("country", "Pick a country from the list (ISO 3166-1 alpha-2, e.g. US)."));
    }
    Ok(Some(code.to_owned()))
}

/// Counted as a person counts: characters, not UTF-16 units or bytes.
pub fn display_name(value: &str) -> Result<Option<String>, AppError> {
    if value.chars().count() > MAX_DISPLAY_NAME_CHARS {
        return Err(invalid(
            "displayName",
            format!("Keep the display name under {MAX_DISPLAY_NAME_CHARS} characters."),
        ));
    }
    if value.chars().any(|c| c.is_control()) {
        return Err(invalid("displayName", "The display name holds a control character; type it again."));
    }
    let name = value.trim();
    Ok((!name.is_empty()).then(|| name.to_owned()))
}

/// A Custom URL's length (its form is checked by `dxtra_api::checked_url`).
pub fn url_length(value: &str) -> Result<(), AppError> {
    if value.chars().count() > MAX_URL_CHARS {
        return Err(invalid(
            "url",
            format!("This URL is longer than {MAX_URL_CHARS} characters; paste only the address."),
        ));
    }
    Ok(())
}

/// The `createDataSubject` input, checked and trimmed as the page builds it.
pub fn subject_input(input: CreateDataSubjectInput) -> Result<CreateDataSubjectInput, AppError> {
    Ok(CreateDataSubjectInput {
        event: event(&input.event)?,
        data_controller_id: uuid(&input.data_controller_id, "The Data Controller ID")?,
        payload: dxtra_api::DataSubjectPayload {
            display_name: display_name(input.payload.display_name.as_deref().unwrap_or(""))?,
            email: email(&input.payload.email)?,
            country: country(input.payload.country.as_deref().unwrap_or(""))?,
        },
    })
}

/// ISO 3166-1 alpha-2, as `ui/lib/countries.js` lists them (a test keeps the two equal).
pub const COUNTRY_CODES: &[&str] = &[
    "AF", "AL", "DZ", "AS", "AD", "AO", "AI", "AQ", "AG", "AR", "AM", "AW", "AU", "AT", "AZ", "BS", "BH",
    "BD", "BB", "BY", "BE", "BZ", "BJ", "BM", "BT", "BO", "BQ", "BA", "BW", "BV", "BR", "IO", "BN", "BG",
    "BF", "BI", "CV", "KH", "CM", "CA", "KY", "CF", "TD", "CL", "CN", "CX", "CC", "CO", "KM", "CG", "CD",
    "CK", "CR", "HR", "CU", "CW", "CY", "CZ", "CI", "DK", "DJ", "DM", "DO", "EC", "EG", "SV", "GQ", "ER",
    "EE", "SZ", "ET", "FK", "FO", "FJ", "FI", "FR", "GF", "PF", "TF", "GA", "GM", "GE", "DE", "GH", "GI",
    "GR", "GL", "GD", "GP", "GU", "GT", "GG", "GN", "GW", "GY", "HT", "HM", "VA", "HN", "HK", "HU", "IS",
    "IN", "ID", "IR", "IQ", "IE", "IM", "IL", "IT", "JM", "JP", "JE", "JO", "KZ", "KE", "KI", "KW", "KG",
    "LA", "LV", "LB", "LS", "LR", "LY", "LI", "LT", "LU", "MO", "MG", "MW", "MY", "MV", "ML", "MT", "MH",
    "MQ", "MR", "MU", "YT", "MX", "FM", "MD", "MC", "MN", "ME", "MS", "MA", "MZ", "MM", "NA", "NR", "NP",
    "NL", "NC", "NZ", "NI", "NE", "NG", "NU", "NF", "KP", "MK", "MP", "NO", "OM", "PK", "PW", "PS", "PA",
    "PG", "PY", "PE", "PH", "PN", "PL", "PT", "PR", "QA", "RO", "RU", "RW", "RE", "BL", "SH", "KN", "LC",
    "MF", "PM", "VC", "WS", "SM", "ST", "SA", "SN", "RS", "SC", "SL", "SG", "SX", "SK", "SI", "SB", "SO",
    "ZA", "GS", "KR", "SS", "ES", "LK", "SD", "SR", "SJ", "SE", "CH", "SY", "TW", "TJ", "TZ", "TH", "TL",
    "TG", "TK", "TO", "TT", "TN", "TM", "TC", "TV", "TR", "UG", "UA", "AE", "GB", "US", "UM", "UY", "UZ",
    "VU", "VE", "VN", "VG", "VI", "WF", "EH", "YE", "ZM", "ZW", "AX",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_country_list_is_the_pages() {
        let page =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../ui/lib/countries.js")).unwrap();
        let codes: Vec<&str> = page.split("[\"").skip(1).map(|rest| &rest[..2]).collect();
        assert_eq!(codes, COUNTRY_CODES);
    }

    #[test]
    fn good_values_pass_trimmed() {
        assert_eq!(
            pat("  5a1db0c5-0000-4000-8000-d7a5a2db0c51\n").unwrap(),
            "5a1db0c5-0000-4000-8000-d7a5a2db0c51"
        );
        assert_eq!(
            pat("dxtra_pat_0123456789abcdef").unwrap(),
            "dxtra_pat_0123456789abcdef",
            "no format is imposed"
        );
        assert_eq!(
            display_name(&"é".repeat(200)).unwrap().unwrap().chars().count(),
            200,
            "characters, not bytes"
        );
        assert_eq!(display_name("👩‍💻 Ada").unwrap().as_deref(), Some("👩‍💻 Ada"));
        assert_eq!(country(" US ").unwrap().as_deref(), Some("US"));
        assert_eq!(optional_uuid("  ", "x").unwrap(), "");
    }
}
