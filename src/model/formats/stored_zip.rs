//! A zip archive of files stored as they are (no compression), as PKWARE's APPNOTE describes
//! it: each file's local header and bytes, then the central directory and its end record.
//!
//! Written here rather than with a crate: the brat export needs nothing more, and the crates
//! that write zips cost the app's module far more than this does (measured on the release
//! build, gzip: `zip` 9.9.0 without default features +33.7 KB, `rawzip` 0.5.2 +24.1 KB, this
//! file +0.9 KB). `rawzip` reads what this writes back in the tests, and Python's
//! `zipfile` in the end-to-end test.

/// The CRC-32 of `bytes` (ISO 3309, as zip and gzip use it), a byte at a time by a table made
/// for the call.
fn crc32(bytes: &[u8]) -> u32 {
    let mut table = [0u32; 256];
    for (n, entry) in table.iter_mut().enumerate() {
        let mut c = n as u32;
        for _ in 0..8 {
            c = if c & 1 == 1 { 0xEDB8_8320 ^ (c >> 1) } else { c >> 1 };
        }
        *entry = c;
    }
    !bytes.iter().fold(!0u32, |crc, &b| table[((crc ^ u32::from(b)) & 0xFF) as usize] ^ (crc >> 8))
}

/// Files (path, content) as one zip. Paths are UTF-8 (flag bit 11); the time of every file is
/// 1980-01-01, the earliest zip can say, so that one export of the same files is the same
/// bytes. `None` when the archive would need zip64 (over 4 GB, or 65,535 files).
pub fn zip(files: &[(String, Vec<u8>)]) -> Option<Vec<u8>> {
    const UTF8_NAMES: u16 = 1 << 11;
    const JANUARY_1_1980: u16 = (1 << 5) | 1;
    if files.len() > usize::from(u16::MAX) {
        return None;
    }
    let mut out: Vec<u8> = Vec::new();
    let mut central: Vec<u8> = Vec::new();
    let u16le = |v: &mut Vec<u8>, n: u16| v.extend_from_slice(&n.to_le_bytes());
    let u32le = |v: &mut Vec<u8>, n: u32| v.extend_from_slice(&n.to_le_bytes());
    for (path, content) in files {
        let offset = u32::try_from(out.len()).ok()?;
        let size = u32::try_from(content.len()).ok()?;
        let name_length = u16::try_from(path.len()).ok()?;
        let crc = crc32(content);
        // What the local header and the central directory's entry share, from "version needed".
        let mut common = Vec::with_capacity(26);
        u16le(&mut common, 20); // version needed: 2.0
        u16le(&mut common, UTF8_NAMES);
        u16le(&mut common, 0); // stored
        u16le(&mut common, 0); // time: midnight
        u16le(&mut common, JANUARY_1_1980);
        u32le(&mut common, crc);
        u32le(&mut common, size); // compressed size
        u32le(&mut common, size);
        u16le(&mut common, name_length);
        u16le(&mut common, 0); // extra field length
        u32le(&mut out, 0x0403_4B50);
        out.extend_from_slice(&common);
        out.extend_from_slice(path.as_bytes());
        out.extend_from_slice(content);
        u32le(&mut central, 0x0201_4B50);
        u16le(&mut central, 20); // made by: 2.0, MS-DOS attributes
        central.extend_from_slice(&common);
        u16le(&mut central, 0); // comment length
        u16le(&mut central, 0); // disk number
        u16le(&mut central, 0); // internal attributes
        u32le(&mut central, 0); // external attributes
        u32le(&mut central, offset);
        central.extend_from_slice(path.as_bytes());
    }
    let directory_offset = u32::try_from(out.len()).ok()?;
    let directory_size = u32::try_from(central.len()).ok()?;
    out.extend_from_slice(&central);
    let count = files.len() as u16;
    u32le(&mut out, 0x0605_4B50);
    u16le(&mut out, 0); // this disk
    u16le(&mut out, 0); // the directory's disk
    u16le(&mut out, count);
    u16le(&mut out, count);
    u32le(&mut out, directory_size);
    u32le(&mut out, directory_offset);
    u16le(&mut out, 0); // comment length
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_crc_is_the_standard_one() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926);
        assert_eq!(crc32(b""), 0);
    }

    #[test]
    fn another_reader_finds_every_file_with_its_bytes() {
        let files = vec![
            ("folder/a.txt".to_string(), "A said 😀 مرحبا.".as_bytes().to_vec()),
            ("folder/empty.ann".to_string(), Vec::new()),
            ("folder/ü.conf".to_string(), b"[entities]\n".to_vec()),
        ];
        let bytes = zip(&files).unwrap();
        assert_eq!(zip(&files).unwrap(), bytes, "the same files give the same bytes");
        let archive = rawzip::ZipArchive::from_slice(&bytes).unwrap();
        let mut read = Vec::new();
        let mut entries = archive.entries();
        while let Some(entry) = entries.next_entry().unwrap() {
            let name = entry.file_path().try_normalize().unwrap().as_ref().to_string();
            let found = archive.get_entry(entry.wayfinder()).unwrap();
            let mut content = Vec::new();
            std::io::Read::read_to_end(&mut found.verifying_reader(found.data()), &mut content).unwrap();
            read.push((name, content));
        }
        assert_eq!(read, files);
    }
}
