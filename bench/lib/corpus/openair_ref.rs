// The OpenAir reference for bench/real-corpus.ts: openair-rs (github.com/dbrgn/openair-rs, MIT/Apache),
// one line per airspace, tab-separated: name, class, then `circle <centre as Debug> <radius NM>` or
// `polygon <segments> <points>`. Built against a local copy of openair-rs (see bench/README.md); not
// part of Airlock's build.
use openair::{parse, Geometry, PolygonSegment};
use std::fs::File;
use std::io::BufReader;

fn main() {
    let path = std::env::args().nth(1).expect("usage: openair_ref <file>");
    let mut reader = BufReader::new(File::open(path).expect("open"));
    match parse(&mut reader) {
        Err(e) => {
            println!("ERROR\t{}", e);
            std::process::exit(3);
        }
        Ok(list) => {
            for a in list {
                let g = match &a.geom {
                    Geometry::Circle { centerpoint, radius } => format!("circle\t{:?}\t{}", centerpoint, radius),
                    Geometry::Polygon { segments } => {
                        let points = segments.iter().filter(|s| matches!(s, PolygonSegment::Point(_))).count();
                        format!("polygon\t{}\t{}", segments.len(), points)
                    }
                };
                println!("{}\t{}\t{}", a.name.replace('\t', " "), a.class, g);
            }
        }
    }
}
