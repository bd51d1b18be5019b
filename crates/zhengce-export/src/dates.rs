//! dates: *which day is `2021-04-20`?* ISO dates of the JSON as Arrow `Date32`
//! (days since 1970-01-01), and the check that a document's dates are real days.

use zhengce_extract::model::Document;

/// Days since 1970-01-01 of an ISO `YYYY-MM-DD` date; `None` when it is not one
/// (a malformed string, month 13, February 30).
pub fn days_since_epoch(iso: &str) -> Option<i32> {
    let b = iso.as_bytes();
    if !iso.is_ascii() || b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let s = &iso[r];
        s.bytes().all(|c| c.is_ascii_digit()).then(|| s.parse().ok())?
    };
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let month_days = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    if !(1..=12).contains(&m) || d < 1 || d > month_days[(m - 1) as usize] {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    i32::try_from(era * 146_097 + doe - 719_468).ok()
}

/// Says which date of `doc` is not a day, if one is not: such a document is
/// passed over (its file named) rather than written with a null date.
pub fn check(doc: &Document) -> Result<(), String> {
    let dates = &doc.meta.dates;
    for (name, value) in [("written", &dates.written), ("published", &dates.published)] {
        if let Some(v) = value {
            if days_since_epoch(v).is_none() {
                return Err(format!("meta.dates.{name} {v:?} is not a YYYY-MM-DD date"));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::days_since_epoch;

    #[test]
    fn days_of_known_dates() {
        assert_eq!(days_since_epoch("1970-01-01"), Some(0));
        assert_eq!(days_since_epoch("2000-03-01"), Some(11_017));
        assert_eq!(days_since_epoch("2021-04-20"), Some(18_737));
        assert_eq!(days_since_epoch("2024-02-29"), Some(19_782));
        assert_eq!(days_since_epoch("1969-12-31"), Some(-1));
    }

    #[test]
    fn non_days_are_refused() {
        for bad in [
            "2023-02-29",
            "2021-13-01",
            "2021-00-10",
            "2021-4-20",
            "2021/04/20",
            "２０２１-04-20",
            "",
        ] {
            assert_eq!(days_since_epoch(bad), None, "{bad}");
        }
    }
}
