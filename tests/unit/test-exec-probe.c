/* SPDX-License-Identifier: MIT */
/* lib/exec-probe: the probe each target gets, and this machine's kernel
 * asked with it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "elf-fields.h"
#include "exec-probe.h"
#include "host-elf.h"

#include <elf.h>
#include <errno.h>

/* Every target's probe is a header of that target, its padding byte set,
 * and one PT_INTERP naming a path of 301 bytes past the headers. */
static void test_exec_probe_image_is_each_target_s_header(void **state)
{
	unsigned char image[EXEC_PROBE_MAX];
	(void)state;

	for (size_t i = 0; i < target_count; i++) {
		const struct target *t = &targets[i];
		size_t len = exec_probe_image(t, image, sizeof(image));
		bool wide = t->elf_class == ELFCLASS64;
		size_t ehsize = wide ? 64 : 52, phsize = wide ? 56 : 32;
		assert_int_equal(len, ehsize + phsize + 302);
		assert_ptr_equal(target_for_header(image, len), t);
		assert_int_equal(image[15], 'q');
		assert_int_equal(elf_get(image + 16, 2, t->elf_data), ET_EXEC);
		unsigned char *ph = image + ehsize;
		assert_int_equal(elf_get(ph, 4, t->elf_data), PT_INTERP);
		assert_int_equal(image[ehsize + phsize], '/');
		assert_int_equal(image[len - 2], 'q');
		assert_int_equal(image[len - 1], 0);
	}
	assert_int_equal(exec_probe_image(&targets[0], image, 100), 0);
}

/* The kernel loads the probe of its own target, and refuses one of
 * another family (s390x here, or x86_64 on an s390x machine). */
static void test_exec_probe_asks_this_machine_s_kernel(void **state)
{
	const struct host_profile *here = host_here();
	struct exec_probe_result r;
	(void)state;

	assert_non_null(here->own);
	exec_probe_run(here->own, false, &r);
	assert_int_equal(r.outcome, EXEC_PROBE_LOADS);
	assert_int_equal(r.error, ENAMETOOLONG);
	const struct target *other =
	    target_lookup(strcmp(here->family, "s390") ? "s390x" : "x86_64");
	exec_probe_run(other, false, &r);
	assert_int_equal(r.outcome, EXEC_PROBE_REFUSED);
	assert_int_equal(r.error, ENOEXEC);
}

/* In a user namespace of its own with an empty binfmt_misc, the same
 * answers; where the kernel cannot make one (before 6.7, or without
 * unprivileged user namespaces), the step that failed is named. */
static void test_exec_probe_private_binfmt_says_the_same_or_why_not(void **state)
{
	const struct host_profile *here = host_here();
	struct exec_probe_result r;
	(void)state;

	exec_probe_run(here->own, true, &r);
	if (r.outcome == EXEC_PROBE_FAILED) {
		assert_true(r.step == EXEC_PROBE_STEP_USERNS || r.step == EXEC_PROBE_STEP_BINFMT);
		assert_string_equal(exec_probe_step_name(EXEC_PROBE_STEP_USERNS),
				    "unshare(CLONE_NEWUSER | CLONE_NEWNS)");
		return;
	}
	assert_int_equal(r.outcome, EXEC_PROBE_LOADS);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_exec_probe_image_is_each_target_s_header),
	    cmocka_unit_test(test_exec_probe_asks_this_machine_s_kernel),
	    cmocka_unit_test(test_exec_probe_private_binfmt_says_the_same_or_why_not),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
