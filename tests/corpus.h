/* SPDX-License-Identifier: MIT */
/* Register strings to throw at the kernel and at our parser. */
#ifndef QBINFMT_TEST_CORPUS_H
#define QBINFMT_TEST_CORPUS_H

#include <stddef.h>
#include <stdint.h>

struct corpus_item {
	char text[2048];
	size_t len;
};

struct corpus {
	struct corpus_item *items;
	size_t count, capacity;
};

/* Lines of FILE, literally, except <NUL>, <LF> and <xHH> for raw bytes;
 * '#' comments and empty lines skipped.  -1 if the file cannot be read. */
int corpus_load(struct corpus *c, const char *path);

/* `count` strings built field by field from good and bad variants. */
void corpus_generate_fields(struct corpus *c, size_t count, uint64_t seed);

/* `count` random byte edits of the valid strings already in c. */
void corpus_generate_mutations(struct corpus *c, size_t count, uint64_t seed);

void corpus_add(struct corpus *c, const char *text, size_t len);
uint64_t corpus_random(uint64_t *state);

#endif
