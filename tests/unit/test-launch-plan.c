/* SPDX-License-Identifier: MIT */
/* The launcher's pure decisions: layout, argv and environment. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>

#include "launcher/plan.h"

static void test_plan_kernel_version(void **state)
{
	int major, minor;
	(void)state;
	assert_true(plan_kernel_version("6.18.44-fc-v657", &major, &minor));
	assert_int_equal(major, 6);
	assert_int_equal(minor, 18);
	assert_true(plan_kernel_version("5.4", &major, &minor));
	assert_false(plan_kernel_version("six", &major, &minor));
	assert_false(plan_kernel_version("6", &major, &minor));
	assert_false(plan_kernel_version("99999999999.1", &major, &minor));
}

static void test_plan_preserve_argv0_trusts_at_flags_since_5_12(void **state)
{
	(void)state;
	assert_true(plan_preserve_argv0(1, 6, 18));
	assert_false(plan_preserve_argv0(0, 6, 18));
	assert_false(plan_preserve_argv0(0, 5, 12));
	/* Older kernels never set the bit: assume our own P registration. */
	assert_true(plan_preserve_argv0(0, 5, 11));
	assert_true(plan_preserve_argv0(0, 4, 19));
}

static void test_plan_layout(void **state)
{
	char *p_argv[] = {"interp", "/x/prog", "-sh", "a", NULL};
	char *short_argv[] = {"interp", "/x/prog", NULL};
	char *empty_path[] = {"interp", "", "name", NULL};
	struct plan_layout l;
	(void)state;
	assert_true(plan_layout(4, p_argv, true, &l));
	assert_string_equal(l.path, "/x/prog");
	assert_string_equal(l.argv0, "-sh");
	assert_int_equal(l.args_from, 3);
	assert_true(plan_layout(4, p_argv, false, &l));
	assert_string_equal(l.argv0, "/x/prog");
	assert_int_equal(l.args_from, 2);
	assert_false(plan_layout(2, short_argv, true, &l));
	assert_true(plan_layout(2, short_argv, false, &l));
	assert_false(plan_layout(1, short_argv, false, &l));
	assert_false(plan_layout(0, short_argv, false, &l));
	assert_false(plan_layout(3, empty_path, true, &l));
}

static char *out_argv[64], *out_env[64];

static int build(const struct plan *p, int argc, char **argv, char **envp)
{
	struct plan_layout l;
	assert_true(plan_layout(argc, argv, true, &l));
	assert_true(plan_argv_capacity(argc, envp) <= 64);
	return plan_build(p, &l, argc, argv, envp, out_argv, out_env);
}

static void test_plan_build_argv(void **state)
{
	char *argv[] = {"interp", "-prog", "busybox-ls", "-l", "", NULL};
	char *env[] = {"HOME=/root", NULL};
	struct plan p = {"/usr/bin/qemu-aarch64-static", true, false, "-prog", NULL};
	(void)state;
	assert_int_equal(build(&p, 5, argv, env), 7);
	const char *expected[] = {
	    "/usr/bin/qemu-aarch64-static", "-0", "busybox-ls", "--", "-prog", "-l", "", NULL};
	for (int i = 0; i < 7; i++)
		assert_string_equal(out_argv[i], expected[i]);
	assert_null(out_argv[7]);
	assert_string_equal(out_env[0], "HOME=/root");
	assert_null(out_env[1]);
}

static void test_plan_build_passes_the_cpu_model_before_the_program(void **state)
{
	char *argv[] = {"interp", "/bin/ls", "ls", "-l", NULL};
	char *env[] = {"LD_PRELOAD=/x.so", NULL};
	struct plan p = {"/usr/bin/qemu-aarch64", false, false, "/bin/ls", "max,pauth-impdef=on"};
	(void)state;
	assert_int_equal(build(&p, 4, argv, env), 10);
	const char *expected[] = {"/usr/bin/qemu-aarch64",
				  "-0",
				  "ls",
				  "-cpu",
				  "max,pauth-impdef=on",
				  "-E",
				  "LD_PRELOAD=/x.so",
				  "--",
				  "/bin/ls",
				  "-l",
				  NULL};
	for (int i = 0; i < 10; i++)
		assert_string_equal(out_argv[i], expected[i]);
	assert_null(out_argv[10]);
}

static void test_plan_build_moves_loader_variables_for_dynamic_qemu(void **state)
{
	char *argv[] = {"interp", "/p", "p", NULL};
	char *env[] = {"LD_PRELOAD=/lib/foreign.so",
		       "A=1",
		       "LD_LIBRARY_PATH=/g/lib",
		       "LD_X=a,b",
		       "LD_=odd",
		       "QEMU_STRACE=1",
		       NULL};
	struct plan p = {"/usr/bin/qemu-aarch64", false, false, "/p", NULL};
	(void)state;
	assert_int_equal(build(&p, 3, argv, env), 9);
	assert_string_equal(out_argv[3], "-E");
	assert_string_equal(out_argv[4], "LD_PRELOAD=/lib/foreign.so");
	assert_string_equal(out_argv[5], "-E");
	assert_string_equal(out_argv[6], "LD_LIBRARY_PATH=/g/lib");
	assert_string_equal(out_argv[7], "--");
	/* Commas cannot travel through -E; QEMU_* is the guest's business. */
	assert_string_equal(out_env[0], "A=1");
	assert_string_equal(out_env[1], "LD_X=a,b");
	assert_string_equal(out_env[2], "LD_=odd");
	assert_string_equal(out_env[3], "QEMU_STRACE=1");
	assert_null(out_env[4]);
}

static void test_plan_build_static_qemu_keeps_environment(void **state)
{
	char *argv[] = {"interp", "/p", "p", NULL};
	char *env[] = {"LD_PRELOAD=/lib/foreign.so", NULL};
	struct plan p = {"/usr/bin/qemu-aarch64-static", true, false, "/p", NULL};
	(void)state;
	assert_int_equal(build(&p, 3, argv, env), 5);
	assert_string_equal(out_env[0], "LD_PRELOAD=/lib/foreign.so");
}

static void test_plan_build_secure_mode_scrubs(void **state)
{
	char *argv[] = {"interp", "/proc/self/fd/3", "su", NULL};
	char *env[] = {"QEMU_LD_PREFIX=/evil",
		       "QEMU_PLUGIN=/evil.so",
		       "LD_PRELOAD=/evil.so",
		       "TMPDIR=/evil",
		       "GLIBC_TUNABLES=x",
		       "G_DEBUG=fatal-warnings",
		       "LD_BIND_NOW=1",
		       "PATH=/usr/bin",
		       "QEMU=fine?",
		       "TZ=Europe/Paris",
		       NULL};
	struct plan p = {"/usr/bin/qemu-aarch64", false, true, "/proc/self/fd/3", NULL};
	(void)state;
	/* Nothing from the environment becomes an option in secure mode. */
	assert_int_equal(build(&p, 3, argv, env), 5);
	assert_string_equal(out_argv[3], "--");
	assert_string_equal(out_argv[4], "/proc/self/fd/3");
	assert_string_equal(out_env[0], "PATH=/usr/bin");
	assert_string_equal(out_env[1], "QEMU=fine?");
	assert_string_equal(out_env[2], "TZ=Europe/Paris");
	assert_null(out_env[3]);
}

static void test_plan_env_unsafe(void **state)
{
	(void)state;
	assert_true(plan_env_unsafe("QEMU_LOG_FILENAME=/etc/passwd"));
	assert_true(plan_env_unsafe("QEMU_PERFMAP=1"));
	assert_true(plan_env_unsafe("QEMU_MODULE_DIR=/tmp"));
	assert_true(plan_env_unsafe("LD_AUDIT=x"));
	/* Every loader variable, not only glibc's list: a dynamic qemu's
	 * loader reads LD_TRACE_LOADED_OBJECTS and the like. */
	assert_true(plan_env_unsafe("LD_TRACE_LOADED_OBJECTS=1"));
	assert_true(plan_env_unsafe("NLSPATH=x"));
	assert_true(plan_env_unsafe("GLIBC_TUNABLES=glibc.malloc.check=3"));
	assert_true(plan_env_unsafe("G_MESSAGES_DEBUG=all"));
	assert_true(plan_env_unsafe("DEBUG_INVOCATION=1"));
	assert_true(plan_env_unsafe("NETTLE_FAT_VERBOSE=1"));
	assert_true(plan_env_unsafe("P11_KIT_DEBUG=all"));
	assert_true(plan_env_unsafe("GNUTLS_DEBUG_LEVEL=9"));
	assert_false(plan_env_unsafe("NLSPATHX=x"));
	assert_false(plan_env_unsafe("DEBUG_INVOCATIONS=1"));
	assert_false(plan_env_unsafe("QEMU=1"));
	assert_false(plan_env_unsafe("TZ=UTC"));
	assert_false(plan_env_unsafe("LANG=C.UTF-8"));
	assert_false(plan_env_unsafe("HOME=/"));
}

static void test_plan_exec_fd_leaves_standard_descriptors(void **state)
{
	(void)state;
	assert_int_equal(plan_exec_fd(3, true), PLAN_EXEC_FD_KEEP);
	assert_int_equal(plan_exec_fd(7, false), PLAN_EXEC_FD_KEEP);
	for (int fd = 0; fd <= 2; fd++) {
		assert_int_equal(plan_exec_fd(fd, true), PLAN_EXEC_FD_DEV_NULL);
		assert_int_equal(plan_exec_fd(fd, false), PLAN_EXEC_FD_CLOSE);
	}
}

static void test_plan_core_limit_zero_in_secure_mode(void **state)
{
	struct rlimit limit = {RLIM_INFINITY, RLIM_INFINITY};
	(void)state;
	assert_true(plan_core_limit(true, &limit));
	assert_int_equal(limit.rlim_cur, 0);
	/* The hard limit stays: the guest may raise it once unprivileged. */
	assert_true(limit.rlim_max == RLIM_INFINITY);
	assert_false(plan_core_limit(true, &limit));
	limit = (struct rlimit){4096, 8192};
	assert_true(plan_core_limit(true, &limit));
	assert_int_equal(limit.rlim_cur, 0);
	assert_int_equal(limit.rlim_max, 8192);
}

static void test_plan_core_limit_untouched_otherwise(void **state)
{
	struct rlimit limit = {RLIM_INFINITY, RLIM_INFINITY};
	(void)state;
	assert_false(plan_core_limit(false, &limit));
	assert_true(limit.rlim_cur == RLIM_INFINITY);
}

/* Only an environment that holds a movable loader variable makes the
 * launcher ask whether qemu is static (and so read its file). */
static void test_plan_env_has_loader_variables_only_movable_ones(void **state)
{
	char *none[] = {"PATH=/bin", "LD=not-a-loader-variable", "XLD_PRELOAD=/x", NULL};
	char *comma[] = {"LD_X=a,b", NULL};
	char *empty_name[] = {"LD_=1", NULL};
	char *one[] = {"PATH=/bin", "LD_PRELOAD=/g.so", NULL};

	(void)state;
	assert_false(plan_env_has_loader_variables(NULL));
	assert_false(plan_env_has_loader_variables(none));
	assert_false(plan_env_has_loader_variables(comma));
	assert_false(plan_env_has_loader_variables(empty_name));
	assert_true(plan_env_has_loader_variables(one));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_plan_kernel_version),
	    cmocka_unit_test(test_plan_preserve_argv0_trusts_at_flags_since_5_12),
	    cmocka_unit_test(test_plan_layout),
	    cmocka_unit_test(test_plan_build_argv),
	    cmocka_unit_test(test_plan_build_passes_the_cpu_model_before_the_program),
	    cmocka_unit_test(test_plan_build_moves_loader_variables_for_dynamic_qemu),
	    cmocka_unit_test(test_plan_build_static_qemu_keeps_environment),
	    cmocka_unit_test(test_plan_env_has_loader_variables_only_movable_ones),
	    cmocka_unit_test(test_plan_build_secure_mode_scrubs),
	    cmocka_unit_test(test_plan_env_unsafe),
	    cmocka_unit_test(test_plan_exec_fd_leaves_standard_descriptors),
	    cmocka_unit_test(test_plan_core_limit_zero_in_secure_mode),
	    cmocka_unit_test(test_plan_core_limit_untouched_otherwise),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
