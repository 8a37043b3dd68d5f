/* SPDX-License-Identifier: MIT */
/* lib/array: growing an array up to its cap. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdlib.h>

#include "array.h"

static void test_array_grow_doubles_from_16(void **state)
{
	int *items = NULL;
	size_t capacity = 0;
	(void)state;

	assert_true(array_grow((void **)&items, &capacity, 0, sizeof(*items), 1000));
	assert_int_equal(capacity, 16);
	/* Room left: nothing moves. */
	int *before = items;
	assert_true(array_grow((void **)&items, &capacity, 15, sizeof(*items), 1000));
	assert_ptr_equal(items, before);
	assert_int_equal(capacity, 16);
	assert_true(array_grow((void **)&items, &capacity, 16, sizeof(*items), 1000));
	assert_int_equal(capacity, 32);
	items[31] = 1;
	free(items);
}

static void test_array_grow_stops_at_the_cap(void **state)
{
	int *items = NULL;
	size_t capacity = 0;
	(void)state;

	assert_true(array_grow((void **)&items, &capacity, 0, sizeof(*items), 20));
	assert_true(array_grow((void **)&items, &capacity, 16, sizeof(*items), 20));
	assert_int_equal(capacity, 20);
	items[19] = 1;
	assert_false(array_grow((void **)&items, &capacity, 20, sizeof(*items), 20));
	assert_int_equal(capacity, 20);
	assert_int_equal(items[19], 1);
	free(items);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_array_grow_doubles_from_16),
	    cmocka_unit_test(test_array_grow_stops_at_the_cap),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
