/* SPDX-License-Identifier: MIT */
/*
 * The binfmt_misc entry model: one representation of an entry and the
 * kernel's own rules for parsing, printing and matching it.
 *
 * Everything here mirrors Linux fs/binfmt_misc.c; the function comments
 * name the kernel function each one follows.  Nothing in this module
 * prints or exits: results and errors are returned to the caller.
 */
#ifndef QBINFMT_ENTRY_H
#define QBINFMT_ENTRY_H

#include <stdbool.h>
#include <stddef.h>

/* BINPRM_BUF_SIZE: bytes of a file the kernel reads before matching.
 * 256 since Linux 5.1 (commit "exec: increase BINPRM_BUF_SIZE to 256"),
 * 128 before; magic reaching past the old size is valid but not portable. */
#define BINFMT_HEADER_SIZE     256
#define BINFMT_OLD_HEADER_SIZE 128

/* MAX_REGISTER_LENGTH and the minimum length checked by create_entry(). */
#define BINFMT_REGISTER_MAX 1920
#define BINFMT_REGISTER_MIN 11

/* NAME_MAX: the entry becomes a file in the binfmt_misc mount. */
#define BINFMT_NAME_MAX 255

enum entry_type {
	ENTRY_MAGIC,	 /* 'M': bytes at an offset, optionally masked */
	ENTRY_EXTENSION, /* 'E': the file name's extension */
};

enum entry_flag {
	ENTRY_FLAG_PRESERVE_ARGV0 = 1 << 0, /* P */
	ENTRY_FLAG_OPEN_BINARY = 1 << 1,    /* O */
	ENTRY_FLAG_CREDENTIALS = 1 << 2,    /* C, always with O */
	ENTRY_FLAG_FIX_BINARY = 1 << 3,	    /* F */
};

struct binfmt_entry {
	char name[BINFMT_NAME_MAX + 1];
	enum entry_type type;
	bool enabled;
	unsigned flags; /* enum entry_flag bits */

	/* ENTRY_MAGIC */
	int offset;
	size_t size; /* length of magic, and of mask when has_mask */
	unsigned char magic[BINFMT_HEADER_SIZE];
	bool has_mask; /* false: bytes must equal magic exactly */
	unsigned char mask[BINFMT_HEADER_SIZE];

	/* ENTRY_EXTENSION: without the dot, as the kernel stores it */
	char extension[BINFMT_REGISTER_MAX];

	char interpreter[BINFMT_REGISTER_MAX];
};

/* Which part of a register string a problem is in. */
enum entry_field {
	FIELD_WHOLE,
	FIELD_NAME,
	FIELD_TYPE,
	FIELD_OFFSET,
	FIELD_MAGIC,
	FIELD_MASK,
	FIELD_EXTENSION,
	FIELD_INTERPRETER,
	FIELD_FLAGS,
};

enum entry_problem {
	PROBLEM_NONE,
	PROBLEM_TOO_SHORT,     /* fewer than 11 bytes */
	PROBLEM_TOO_LONG,      /* more than 1920 bytes */
	PROBLEM_MISSING_FIELD, /* no delimiter where one must follow */
	PROBLEM_EMPTY,	       /* a field that must not be empty */
	PROBLEM_RESERVED_NAME, /* "." or ".." */
	PROBLEM_SLASH,	       /* '/' in name or extension */
	PROBLEM_NAME_TOO_LONG, /* over NAME_MAX */
	PROBLEM_NUL,	       /* raw NUL byte where the kernel stops reading */
	PROBLEM_BAD_DELIMITER, /* P, O, C or F: refused by Linux 6.x */
	PROBLEM_BAD_TYPE,      /* not 'M' or 'E', or longer than one char */
	PROBLEM_BAD_OFFSET,    /* not a decimal int >= 0 */
	PROBLEM_BAD_ESCAPE,    /* "\x" not followed by two hex digits */
	PROBLEM_MASK_LENGTH,   /* mask and magic lengths differ */
	PROBLEM_BEYOND_HEADER, /* offset + magic past BINFMT_HEADER_SIZE */
	PROBLEM_BAD_FLAGS,     /* anything but P O C F and one newline */
	PROBLEM_NEWLINE,       /* newline in name, extension or interpreter */
	PROBLEM_EXTRA_FIELD,   /* more fields than 7: a raw delimiter in magic or mask */
};

struct entry_error {
	enum entry_field field;
	enum entry_problem problem;
	size_t position; /* byte offset in the register string */
};

enum entry_warning {
	WARN_BEYOND_OLD_HEADER = 1 << 0, /* magic past byte 128: Linux < 5.1 rejects */
	WARN_LONG_INTERPRETER = 1 << 1,	 /* interpreter of 127+ bytes: old kernels */
	WARN_MAGIC_BITS_MASKED = 1 << 2, /* magic bits where the mask is 0 */
};

/*
 * Parse a register string exactly as create_entry() does.  The string is
 * `len` bytes (it may hold NUL bytes; no terminator needed).  Returns 0 and
 * fills *entry, or -1 and fills *error.  Stricter than the kernel in two
 * ways only: a raw NUL byte inside magic or mask, which the kernel accepts
 * and silently cuts the field at, is rejected with PROBLEM_NUL; a newline
 * inside name, extension or interpreter, which the kernel accepts but
 * which breaks its status file and every line-based format, is rejected
 * with PROBLEM_NEWLINE.
 * *warnings gets enum entry_warning bits for valid entries.
 */
int entry_parse(const char *text, size_t len, struct binfmt_entry *entry, struct entry_error *error,
		unsigned *warnings);

/* Same as entry_parse() but without the NUL strictness: the verdict and
 * result the kernel itself gives.  Used to predict what the kernel does. */
int entry_parse_as_kernel(const char *text, size_t len, struct binfmt_entry *entry,
			  struct entry_error *error, unsigned *warnings);

/* "magic: "\x" must be followed by two hex digits" and so on. */
const char *entry_field_name(enum entry_field field);
const char *entry_problem_text(enum entry_problem problem);
const char *entry_warning_text(enum entry_warning warning);

/* Warnings that hold for a parsed entry (also used for status files). */
unsigned entry_warnings(const struct binfmt_entry *entry);

/* WARN_MAGIC_BITS_MASKED in detail: how many magic bytes have bits set
 * where the mask is 0, and the first of them (from the magic's start) in
 * *first unless it is NULL.  0 for entries without a mask or magic. */
size_t entry_masked_bits(const struct binfmt_entry *entry, size_t *first);

/*
 * Write the canonical register string (every magic and mask byte as
 * \xHH, flags in the kernel's POCF order, no trailing newline) into buf.
 * The delimiter is ':' unless name, extension or interpreter hold one;
 * then the first unused of a fixed list.  Returns the length, or -1 if buf
 * is too small or no delimiter is free.
 */
int entry_format(const struct binfmt_entry *entry, char *buf, size_t size);

/* Flags as the kernel's status file prints them ("POCF" order). */
void entry_flags_string(unsigned flags, char out[5]);

/*
 * Parse the per-entry status file as entry_status() in the kernel writes
 * it.  `name` is the file's name.  Returns 0, or -1 with *bad_line set to
 * the 1-based number of the first line that does not fit.
 */
int entry_status_parse(const char *name, const char *text, size_t len, struct binfmt_entry *entry,
		       int *bad_line);

/* Do two entries describe the same registration (name aside)? */
bool entry_same_rule(const struct binfmt_entry *a, const struct binfmt_entry *b);

/*
 * The rule an entry puts on byte `at` of the header (an absolute offset):
 * the mask there (0: the byte is free) and the value the masked byte must
 * have (magic & mask).  The one definition of the mask-at-byte rule that
 * matching, overlaps, lint and doctor all use.
 */
unsigned char entry_byte_rule(const struct binfmt_entry *entry, size_t at, unsigned char *value);

/* Would the entry accept `byte` at header byte `at`? */
bool entry_byte_accepts(const struct binfmt_entry *entry, size_t at, unsigned char byte);

/* How many bytes of the header (len bytes; the kernel reads zeros past
 * the end) the magic entry rejects, and the first of them in *first. */
size_t entry_rejected_bytes(const struct binfmt_entry *entry, const unsigned char *head, size_t len,
			    size_t *first);

/*
 * Does the entry match a file, as check_file() decides?  `head` is the
 * start of the file (head_len bytes, at most BINFMT_HEADER_SIZE used; the
 * kernel zero-fills the rest) and `filename` the path given to execve().
 * Disabled entries never match.
 */
bool entry_match(const struct binfmt_entry *entry, const unsigned char *head, size_t head_len,
		 const char *filename);

/*
 * Which of `count` entries, given in registration order (oldest first),
 * does the kernel pick?  The kernel adds entries at the head of its list
 * and walks it from there, so the most recently registered match wins.
 * Returns the index, or -1 for none.
 */
int entry_pick(const struct binfmt_entry *entries, size_t count, const unsigned char *head,
	       size_t head_len, const char *filename);

#endif
