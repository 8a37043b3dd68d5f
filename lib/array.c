/* SPDX-License-Identifier: MIT */
#include "array.h"

#include <stdlib.h>

bool array_grow(void **items, size_t *capacity, size_t count, size_t item_size, size_t cap)
{
	if (count < *capacity)
		return true;
	size_t wanted = *capacity ? *capacity * 2 : 16;
	if (wanted > cap)
		wanted = cap;
	if (wanted <= count)
		return false;
	void *bigger = realloc(*items, wanted * item_size);
	if (!bigger)
		return false;
	*items = bigger;
	*capacity = wanted;
	return true;
}
