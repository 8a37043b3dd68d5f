/* SPDX-License-Identifier: MIT */
/* registrar/outcome and install's outcome names: the one renderer of
 * what a command did, as columns and as JSON, and failures said once
 * more on stderr. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "command.h"
#include "registrar/install.h"
#include "registrar/outcome.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* Run outcome_print with stdout and stderr in files; their texts. */
static void print_into(const struct outcome_list *l, bool json, char *out, size_t out_size,
		       char *err, size_t err_size)
{
	FILE *o = tmpfile(), *e = tmpfile();
	int saved_out = dup(1), saved_err = dup(2);

	assert_non_null(o);
	assert_non_null(e);
	fflush(stdout);
	fflush(stderr);
	dup2(fileno(o), 1);
	dup2(fileno(e), 2);
	outcome_print(l, json);
	fflush(stdout);
	fflush(stderr);
	dup2(saved_out, 1);
	dup2(saved_err, 2);
	close(saved_out);
	close(saved_err);
	rewind(o);
	rewind(e);
	out[fread(out, 1, out_size - 1, o)] = '\0';
	err[fread(err, 1, err_size - 1, e)] = '\0';
	fclose(o);
	fclose(e);
}

static void two_rows(struct outcome_list *l)
{
	outcome_list_init(l, "target", true);
	struct outcome_row *r = outcome_add(l, "aarch64");
	outcome_set(r, "installed", true, "%s", "");
	r->wiring = "native";
	snprintf(r->interpreter, sizeof(r->interpreter), "/usr/bin/qemu-aarch64");
	r = outcome_add(l, "riscv64");
	outcome_set(r, "refused", false, "no qemu-%s in %s", "riscv64", "/usr/bin");
}

static void test_outcome_text_and_failures(void **state)
{
	struct outcome_list l;
	char out[4096], err[4096];
	(void)state;

	two_rows(&l);
	assert_false(outcome_all_ok(&l));
	print_into(&l, false, out, sizeof(out), err, sizeof(err));
	assert_string_equal(out,
			    "aarch64      installed  native   /usr/bin/qemu-aarch64\n"
			    "riscv64      refused    -        -  no qemu-riscv64 in /usr/bin\n");
	/* The failure, once, as a one-line message. */
	assert_non_null(strstr(err, "riscv64: no qemu-riscv64 in /usr/bin\n"));
	assert_null(strstr(err, "aarch64"));
	assert_ptr_equal(strchr(err, '\n'), err + strlen(err) - 1);
	outcome_list_free(&l);
}

/* A row that failed only because another did: a failure in the rows, but
 * stderr names the cause alone. */
static void test_outcome_collateral_failures_not_said_twice(void **state)
{
	struct outcome_list l;
	char out[4096], err[4096];
	(void)state;

	two_rows(&l);
	outcome_set_collateral(&l.rows[0], "not written", "%s failed", "riscv64");
	assert_false(l.rows[0].ok);
	print_into(&l, false, out, sizeof(out), err, sizeof(err));
	assert_non_null(strstr(out, "aarch64      not written"));
	assert_null(strstr(err, "aarch64"));
	assert_non_null(strstr(err, "riscv64: no qemu-riscv64 in /usr/bin\n"));
	/* outcome_set() makes a row its own failure again. */
	outcome_set(&l.rows[0], "failed", false, "%s", "its own");
	print_into(&l, false, out, sizeof(out), err, sizeof(err));
	assert_non_null(strstr(err, "aarch64: its own\n"));
	outcome_list_free(&l);
}

static void test_outcome_json(void **state)
{
	struct outcome_list l;
	char out[4096], err[4096];
	(void)state;

	two_rows(&l);
	print_into(&l, true, out, sizeof(out), err, sizeof(err));
	assert_non_null(strstr(out, "\"target\":\"aarch64\""));
	assert_non_null(strstr(out, "\"outcome\":\"installed\""));
	assert_non_null(strstr(out, "\"ok\":true"));
	assert_non_null(strstr(out, "\"wiring\":\"native\""));
	assert_non_null(strstr(out, "\"ok\":false"));
	assert_non_null(strstr(out, "\"interpreter\":null"));
	assert_true(out[0] == '[');
	outcome_list_free(&l);

	/* Unwired rows: no wiring or interpreter keys; all ok. */
	outcome_list_init(&l, "entry", false);
	outcome_set(outcome_add(&l, "qbinfmt-arm"), "removed", true, "%s", "");
	assert_true(outcome_all_ok(&l));
	print_into(&l, true, out, sizeof(out), err, sizeof(err));
	assert_non_null(strstr(out, "\"entry\":\"qbinfmt-arm\""));
	assert_null(strstr(out, "\"wiring\""));
	assert_string_equal(err, "");
	outcome_list_free(&l);
}

static void test_outcome_grows(void **state)
{
	struct outcome_list l;
	char name[32];
	(void)state;

	outcome_list_init(&l, "entry", false);
	for (int i = 0; i < 1000; i++) {
		snprintf(name, sizeof(name), "e%d", i);
		outcome_add(&l, name);
	}
	assert_int_equal(l.count, 1000);
	assert_string_equal(l.rows[999].subject, "e999");
	assert_true(outcome_all_ok(&l));
	outcome_list_free(&l);
}

static void test_install_outcome_names_and_steps(void **state)
{
	char buf[256];
	(void)state;

	const enum install_outcome all[] = {
	    INSTALL_ADDED,	     INSTALL_UNCHANGED,	  INSTALL_REPLACED,    INSTALL_FAILED,
	    INSTALL_FAILED_RESTORED, INSTALL_FAILED_LOST, INSTALL_FAILED_RACED};
	for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++) {
		const char *name = install_outcome_name(all[i]);
		assert_true(name[0] && strcmp(name, "?") != 0);
		for (size_t j = 0; j < i; j++)
			assert_string_not_equal(name, install_outcome_name(all[j]));
	}
	assert_non_null(strstr(install_outcome_name(INSTALL_FAILED_LOST), "LOST"));

	struct install_report r = {INSTALL_FAILED_RESTORED, STEP_REGISTER, EINVAL};
	install_describe(&r, buf, sizeof(buf));
	assert_string_equal(buf, "cannot write register: Invalid argument");
	r = (struct install_report){INSTALL_FAILED, STEP_READBACK, 0};
	install_describe(&r, buf, sizeof(buf));
	assert_string_equal(buf, "the kernel's status file differs from what was written");
	r = (struct install_report){INSTALL_FAILED_RACED, STEP_REGISTER, EEXIST};
	install_describe(&r, buf, sizeof(buf));
	assert_non_null(strstr(buf, "another writer registered that name"));
	r = (struct install_report){INSTALL_FAILED_RACED, STEP_READBACK, 0};
	install_describe(&r, buf, sizeof(buf));
	assert_non_null(strstr(buf, "removed it as soon as it was registered"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_outcome_text_and_failures),
	    cmocka_unit_test(test_outcome_collateral_failures_not_said_twice),
	    cmocka_unit_test(test_outcome_json),
	    cmocka_unit_test(test_outcome_grows),
	    cmocka_unit_test(test_install_outcome_names_and_steps),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
