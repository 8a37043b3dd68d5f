/* SPDX-License-Identifier: MIT */
/* Human output: rows of cells printed in aligned columns, one line each. */
#ifndef ELFPROBE_COLUMNS_H
#define ELFPROBE_COLUMNS_H

#include <stdbool.h>
#include <stdio.h>

#define COLUMNS_MAX 12

struct columns {
	size_t count; /* columns per row */
	char **cells; /* rows * count copies */
	size_t rows, capacity;
	size_t width[COLUMNS_MAX];
};

void columns_init(struct columns *c, size_t count);
/* Copy one row of `count` cells, each shown as quote_terminal() shows
 * text (control characters and bytes that are not UTF-8 as \xHH); false
 * when out of memory. */
bool columns_add(struct columns *c, const char *const *cells);
/* Every row, cells padded to the widest of their column (the last one
 * not padded), two spaces apart. */
void columns_print(const struct columns *c, FILE *out);
void columns_free(struct columns *c);

#endif
