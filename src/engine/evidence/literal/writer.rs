//! The JSON being written: what comes next (key, colon, value, comma), the
//! open objects and arrays, and what a sloppy dump left out (a missing
//! comma, a key without a value), mended as it is written.

/// Which notation a block was written in, as far as the rewrite noticed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Flavour {
    Json,
    Python,
    Ruby,
    Js,
}

/// What the rewrite noticed of the notation, for [`Flavour`].
#[derive(Default)]
pub(super) struct Seen {
    pub(super) single_quotes: bool,
    pub(super) bare_keys: bool,
    pub(super) ruby: bool,
    pub(super) python_consts: bool,
    pub(super) js_tags: bool,
}

impl Seen {
    pub(super) fn flavour(&self) -> Flavour {
        if self.ruby {
            Flavour::Ruby
        } else if self.js_tags || self.bare_keys {
            Flavour::Js
        } else if self.single_quotes || self.python_consts {
            Flavour::Python
        } else {
            Flavour::Json
        }
    }
}
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Want {
    Key,
    Colon,
    Value,
    Comma,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Key,
    Value,
    Done,
}

pub(super) struct Writer {
    pub(super) out: String,
    /// true = object, false = array.
    pub(super) stack: Vec<bool>,
    pub(super) want: Want,
    /// A value was completed at the top level: the block is over.
    pub(super) done: bool,
    /// The next string continues the last one (`'a' + 'b'`).
    pub(super) concat: bool,
    pub(super) seen: Seen,
}

impl Writer {
    /// A writer for the rewrite of a literal of `len` bytes.
    pub(super) fn new(len: usize) -> Writer {
        Writer {
            out: String::with_capacity(len + 16),
            stack: Vec::new(),
            want: Want::Value,
            done: false,
            concat: false,
            seen: Seen::default(),
        }
    }

    /// A key's separator as written (`:`, Ruby's `=>`): JSON's `:` when a
    /// key was just written, nothing otherwise.
    pub(super) fn colon(&mut self) {
        if self.want == Want::Colon {
            self.out.push(':');
            self.want = Want::Value;
        }
    }

    pub(super) fn in_object(&self) -> bool {
        self.stack.last().copied().unwrap_or(false)
    }

    /// Where the next scalar goes, inserting what a sloppy dump left out.
    fn role(&mut self) -> Role {
        if self.done {
            return Role::Done;
        }
        if self.stack.is_empty() {
            return if self.want == Want::Value {
                Role::Value
            } else {
                Role::Done
            };
        }
        if self.in_object() {
            match self.want {
                Want::Key => Role::Key,
                Want::Comma => {
                    self.out.push(',');
                    self.want = Want::Key;
                    Role::Key
                }
                Want::Colon => {
                    self.out.push(':');
                    self.want = Want::Value;
                    Role::Value
                }
                Want::Value => Role::Value,
            }
        } else {
            if self.want == Want::Comma {
                self.out.push(',');
            }
            self.want = Want::Value;
            Role::Value
        }
    }

    fn after_value(&mut self) {
        if self.stack.is_empty() {
            self.done = true;
        }
        self.want = Want::Comma;
    }

    /// Emit a scalar already rendered as JSON (`json`) or, where a key
    /// belongs, the key text (`key`, else `json` quoted).
    pub(super) fn scalar(&mut self, json: &str, key: Option<&str>) {
        match self.role() {
            Role::Done => {}
            Role::Key => {
                push_json_str(&mut self.out, key.unwrap_or(json));
                self.want = Want::Colon;
            }
            Role::Value => {
                self.out.push_str(json);
                self.after_value();
            }
        }
    }

    pub(super) fn string(&mut self, s: &str) {
        if self.concat && self.out.ends_with('"') {
            self.concat = false;
            self.out.pop();
            let mut tmp = String::new();
            push_json_str(&mut tmp, s);
            self.out.push_str(&tmp[1..]);
            return;
        }
        self.concat = false;
        match self.role() {
            Role::Done => {}
            Role::Key => {
                push_json_str(&mut self.out, s);
                self.want = Want::Colon;
            }
            Role::Value => {
                push_json_str(&mut self.out, s);
                self.after_value();
            }
        }
    }

    pub(super) fn open(&mut self, object: bool) {
        match self.role() {
            Role::Done => return,
            // A container where a key belongs: give it an empty key.
            Role::Key => self.out.push_str("\"\":"),
            Role::Value => {}
        }
        self.out.push(if object { '{' } else { '[' });
        self.stack.push(object);
        self.want = if object { Want::Key } else { Want::Value };
    }

    /// Complete whatever is pending before a container closes.
    fn settle(&mut self) {
        match self.want {
            Want::Colon => self.out.push_str(":null"),
            Want::Value if self.out.ends_with(':') => self.out.push_str("null"),
            _ => {}
        }
        if self.out.ends_with(',') {
            self.out.pop();
        }
    }

    pub(super) fn close(&mut self) {
        let Some(object) = self.stack.pop() else {
            self.done = true;
            return;
        };
        self.settle();
        self.out.push(if object { '}' } else { ']' });
        self.after_value();
    }

    pub(super) fn comma(&mut self) {
        if self.want == Want::Value && self.out.ends_with(':') {
            self.out.push_str("null");
            self.want = Want::Comma;
        }
        if self.want == Want::Colon {
            self.out.push_str(":null");
            self.want = Want::Comma;
        }
        if self.want == Want::Comma && !self.stack.is_empty() {
            self.out.push(',');
            self.want = if self.in_object() {
                Want::Key
            } else {
                Want::Value
            };
        }
    }
}

/// `s` as a JSON string literal.
pub(super) fn push_json_str(out: &mut String, s: &str) {
    out.push('"');
    for ch in s.chars() {
        match ch {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
}
