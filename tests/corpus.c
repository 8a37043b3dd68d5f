/* SPDX-License-Identifier: MIT */
#include "corpus.h"
#include "entry.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void corpus_add(struct corpus *c, const char *text, size_t len)
{
	if (len >= sizeof(c->items[0].text))
		len = sizeof(c->items[0].text) - 1;
	if (c->count == c->capacity) {
		c->capacity = c->capacity ? c->capacity * 2 : 256;
		c->items = realloc(c->items, c->capacity * sizeof(*c->items));
		if (!c->items)
			abort();
	}
	memcpy(c->items[c->count].text, text, len);
	c->items[c->count].len = len;
	c->count++;
}

uint64_t corpus_random(uint64_t *s)
{
	/* splitmix64: deterministic, so a failure can be replayed. */
	uint64_t z = (*s += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static size_t decode_line(const char *line, size_t len, char *out)
{
	size_t n = 0;

	for (size_t i = 0; i < len;) {
		unsigned value;
		if (!strncmp(line + i, "<NUL>", 5)) {
			out[n++] = '\0';
			i += 5;
		} else if (!strncmp(line + i, "<LF>", 4)) {
			out[n++] = '\n';
			i += 4;
		} else if (i + 5 <= len && line[i] == '<' && line[i + 1] == 'x' &&
			   line[i + 4] == '>' && sscanf(line + i + 2, "%2x", &value) == 1) {
			out[n++] = (char)value;
			i += 5;
		} else {
			out[n++] = line[i++];
		}
	}
	return n;
}

int corpus_load(struct corpus *c, const char *path)
{
	FILE *f = fopen(path, "re");
	char *line = NULL;
	size_t size = 0;
	ssize_t len;

	if (!f)
		return -1;
	while ((len = getline(&line, &size, f)) > 0) {
		char out[4096];
		if (line[len - 1] == '\n')
			len--;
		if (len == 0 || line[0] == '#' || (size_t)len >= sizeof(out))
			continue;
		corpus_add(c, out, decode_line(line, (size_t)len, out));
	}
	free(line);
	fclose(f);
	return 0;
}

#define PICK(list, r) (list)[(r) % (sizeof(list) / sizeof((list)[0]))]
/* Three times in four the first, valid, variant: most strings then carry
 * one or two faults, and enough are valid to compare status files. */
#define PICK_MOSTLY_VALID(list, r) ((r) % 4 ? (list)[0] : PICK(list, (r) >> 2))

static const char *const delimiters[] = {":", ":",  ":", "|",  ",",    "P", "x",
					 "a", "\\", " ", "\n", "\xff", "7"};
static const char *const names[] = {"n",  "n",	 "qemu-x", "",		 ".",
				    "..", "a/b", "n.m",	   "with space", "x"};
static const char *const types[] = {"M", "M", "M", "E", "E", "X", "MM", "", "m"};
static const char *const offsets[] = {
    "",	   "",	  "0",	 "5",	"+5",  "-0",	      "-1",	    "007", "3\n", "0x1", " 1",
    "255", "254", "256", "128", "127", "99999999999", "2147483648", "+",   "-",	  "1 ",	 "++1",
};
static const char *const magics[] = {
    "ab",	  "\\x7fELF", "\\x7f\\x45\\x4c\\x46\\x02\\x01",
    "\\x4",	  "\\xg0",    "a\\\\b",
    "\\",	  "",	      "\\x00",
    "\\x00\\x00", "\\\\x41",  "\\x4142",
    "\\X41",	  "\\x41\\",  "ab\\xFF",
    "py",	  "a.b",      "a/b",
    "\\x",	  "\\xa",     "\\x0a",
};
static const char *const masks[] = {
    "",		  "",		"\\xff\\xff",		"\\xff", "ff",
    "\\x00\\x00", "\\xf0\\x0f", "\\xff\\xff\\xff\\xff", "\\x",	 "\\xFF\\xff\\xff\\xff\\xff\\xff"};
static const char *const interpreters[] = {"/bin/sh",	    "/bin/sh",	"/usr/bin/env", "",
					   "/no/such/file", "relative", "/bin/sh x"};
static const char *const flags[] = {"",	   "",	 "P",	  "POCF", "C",	"F",	"PF", "p",
				    "P\n", "\n", "P\n\n", "X",	  "OC", "FFFF", " "};

/* Long fields exercise the 256-byte header and 1920-byte string limits. */
static void long_magic(char *out, size_t bytes)
{
	for (size_t i = 0; i < bytes; i++)
		memcpy(out + 4 * i, "\\x41", 4);
	out[4 * bytes] = '\0';
}

void corpus_generate_fields(struct corpus *c, size_t count, uint64_t seed)
{
	static char magic_buf[4 * 260 + 1];
	static char mask_buf[4 * 260 + 1];
	static char name_buf[300];

	for (size_t i = 0; i < count; i++) {
		char s[4096];
		const char *d = PICK_MOSTLY_VALID(delimiters, corpus_random(&seed));
		const char *name = PICK_MOSTLY_VALID(names, corpus_random(&seed));
		const char *magic = PICK_MOSTLY_VALID(magics, corpus_random(&seed));
		const char *mask = PICK_MOSTLY_VALID(masks, corpus_random(&seed));
		uint64_t special = corpus_random(&seed) % 16;

		if (special == 0) {
			size_t bytes = 120 + corpus_random(&seed) % 140;
			long_magic(magic_buf, bytes);
			magic = magic_buf;
			if (corpus_random(&seed) % 2) {
				long_magic(mask_buf, bytes);
				mask = mask_buf;
			}
		} else if (special == 1) {
			size_t len = 250 + corpus_random(&seed) % 10;
			memset(name_buf, 'n', len);
			name_buf[len] = '\0';
			name = name_buf;
		}
		int n = snprintf(s, sizeof(s), "%s%s%s%s%s%s%s%s%s%s%s%s%s%s%s", d, name, d,
				 PICK_MOSTLY_VALID(types, corpus_random(&seed)), d,
				 PICK_MOSTLY_VALID(offsets, corpus_random(&seed)), d, magic, d,
				 mask, d, PICK_MOSTLY_VALID(interpreters, corpus_random(&seed)), d,
				 PICK_MOSTLY_VALID(flags, corpus_random(&seed)), "");
		if (n > 0 && (size_t)n < sizeof(s))
			corpus_add(c, s, (size_t)n);
	}
}

void corpus_generate_mutations(struct corpus *c, size_t count, uint64_t seed)
{
	static const char interesting[] = ":\\x0\n/PF.-+ \xff";
	size_t base_count = c->count;

	for (size_t i = 0; i < count && base_count > 0; i++) {
		struct corpus_item item = c->items[corpus_random(&seed) % base_count];
		size_t edits = 1 + corpus_random(&seed) % 3;

		for (size_t k = 0; k < edits && item.len > 0; k++) {
			size_t at = corpus_random(&seed) % item.len;
			char byte =
			    corpus_random(&seed) % 2
				? interesting[corpus_random(&seed) % (sizeof(interesting) - 1)]
				: (char)corpus_random(&seed);
			switch (corpus_random(&seed) % 3) {
			case 0:
				item.text[at] = byte;
				break;
			case 1:
				if (item.len + 1 < sizeof(item.text)) {
					memmove(item.text + at + 1, item.text + at, item.len - at);
					item.text[at] = byte;
					item.len++;
				}
				break;
			default:
				memmove(item.text + at, item.text + at + 1, item.len - at - 1);
				item.len--;
				break;
			}
		}
		corpus_add(c, item.text, item.len);
	}
}
