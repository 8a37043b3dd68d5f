/* SPDX-License-Identifier: MIT */
/* Words for the parser's verdicts: one place, so every program says the
 * same thing about the same mistake. */
#include "entry.h"

const char *entry_field_name(enum entry_field field)
{
	switch (field) {
	case FIELD_WHOLE:
		return "register string";
	case FIELD_NAME:
		return "name";
	case FIELD_TYPE:
		return "type";
	case FIELD_OFFSET:
		return "offset";
	case FIELD_MAGIC:
		return "magic";
	case FIELD_MASK:
		return "mask";
	case FIELD_EXTENSION:
		return "extension";
	case FIELD_INTERPRETER:
		return "interpreter";
	case FIELD_FLAGS:
		return "flags";
	}
	return "?";
}

const char *entry_problem_text(enum entry_problem problem)
{
	switch (problem) {
	case PROBLEM_NONE:
		return "no problem";
	case PROBLEM_TOO_SHORT:
		return "shorter than the 11 bytes the kernel requires";
	case PROBLEM_TOO_LONG:
		return "longer than the 1920 bytes the kernel accepts";
	case PROBLEM_MISSING_FIELD:
		return "missing: the string needs 7 delimiters, the last one after the interpreter";
	case PROBLEM_EMPTY:
		return "must not be empty";
	case PROBLEM_RESERVED_NAME:
		return "\".\" and \"..\" are not allowed";
	case PROBLEM_SLASH:
		return "must not contain '/'";
	case PROBLEM_NAME_TOO_LONG:
		return "longer than 255 bytes";
	case PROBLEM_NUL:
		return "raw NUL byte: the kernel stops reading there (write \\x00)";
	case PROBLEM_BAD_DELIMITER:
		return "the delimiter (first byte) must not be P, O, C or F";
	case PROBLEM_BAD_TYPE:
		return "must be M (magic) or E (extension)";
	case PROBLEM_BAD_OFFSET:
		return "must be a decimal number from 0";
	case PROBLEM_BAD_ESCAPE:
		return "\\x must be followed by two hex digits";
	case PROBLEM_MASK_LENGTH:
		return "must be as long as the magic";
	case PROBLEM_BEYOND_HEADER:
		return "offset + length reach past the 256 bytes the kernel reads";
	case PROBLEM_BAD_FLAGS:
		return "only P, O, C and F are allowed, then at most one newline";
	case PROBLEM_NEWLINE:
		return "newline inside: the kernel's status file could not be read back";
	case PROBLEM_EXTRA_FIELD:
		return "more than 7 fields: escape a delimiter inside magic or mask as \\xHH";
	}
	return "?";
}

const char *entry_warning_text(enum entry_warning warning)
{
	switch (warning) {
	case WARN_BEYOND_OLD_HEADER:
		return "magic reaches past byte 128: kernels before 5.1 refuse it";
	case WARN_LONG_INTERPRETER:
		return "interpreter path of 128 bytes or more: older kernels cannot run it";
	case WARN_MAGIC_BITS_MASKED:
		return "magic has bits set where the mask is 0: the kernel ignores them";
	}
	return "?";
}
