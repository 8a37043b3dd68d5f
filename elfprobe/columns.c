/* SPDX-License-Identifier: MIT */
#include "columns.h"

#include "quote.h"

#include <stdlib.h>
#include <string.h>

void columns_init(struct columns *c, size_t count)
{
	memset(c, 0, sizeof(*c));
	c->count = count < COLUMNS_MAX ? count : COLUMNS_MAX;
}

bool columns_add(struct columns *c, const char *const *cells)
{
	if (c->rows == c->capacity) {
		size_t bigger = c->capacity ? c->capacity * 2 : 64;
		char **p = realloc(c->cells, bigger * c->count * sizeof(*p));
		if (!p)
			return false;
		c->cells = p;
		c->capacity = bigger;
	}
	char **row = c->cells + c->rows * c->count;
	for (size_t i = 0; i < c->count; i++) {
		/* Cells show file and entry names: the one rule for text from
		 * users (quote.h), so that no name forges a row or reaches the
		 * terminal as a command. */
		const char *text = cells[i] ? cells[i] : "-";
		size_t room = 4 * strlen(text) + 1;
		row[i] = malloc(room);
		if (row[i]) {
			quote_terminal(row[i], room, text);
			char *fit = realloc(row[i], strlen(row[i]) + 1);
			row[i] = fit ? fit : row[i];
		}
		if (!row[i]) {
			while (i-- > 0)
				free(row[i]);
			return false;
		}
		size_t len = strlen(row[i]);
		if (len > c->width[i])
			c->width[i] = len;
	}
	c->rows++;
	return true;
}

void columns_print(const struct columns *c, FILE *out)
{
	for (size_t r = 0; r < c->rows; r++) {
		char *const *row = c->cells + r * c->count;
		for (size_t i = 0; i < c->count; i++) {
			if (i + 1 < c->count)
				fprintf(out, "%-*s  ", (int)c->width[i], row[i]);
			else
				fprintf(out, "%s\n", row[i]);
		}
	}
}

void columns_free(struct columns *c)
{
	for (size_t i = 0; i < c->rows * c->count; i++)
		free(c->cells[i]);
	free(c->cells);
	memset(c, 0, sizeof(*c));
}
