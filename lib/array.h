/* SPDX-License-Identifier: MIT */
/* Arrays that grow as items are appended, up to a cap: what users give
 * (folders, tables) decides how many items there are. */
#ifndef QBINFMT_ARRAY_H
#define QBINFMT_ARRAY_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Make room for item number `count` (counting from 0) in *items, an array
 * of *capacity items of item_size bytes each: nothing when there is room,
 * else twice the capacity (16 at first), never more than `cap` items.
 * false, with the array as it was, at the cap or when out of memory.
 */
bool array_grow(void **items, size_t *capacity, size_t count, size_t item_size, size_t cap);

#endif
