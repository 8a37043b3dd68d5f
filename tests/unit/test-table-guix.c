/* SPDX-License-Identifier: MIT */
/* Guix's qemu platforms read from Scheme as its qemu-binfmt service
 * registers them, and every problem with its line and exact words. */
#define UNIT_TABLE_READER table_parse_guix
#include "unit-table.h"

static const char config[] =
    "(use-modules (gnu) (gnu services virtualization)) ; a comment\n"
    "#| a block #| nested |# comment |#\n"
    "(define qemu-platform (@@ (gnu services virtualization) qemu-platform))\n"
    "(define %arm (qemu-platform \"arm\" \"arm\" (bv \"\\x7fELF\\x01\") #u8(#xff 255 #o377 #b11111111 #d255)))\n"
    "#;(define %ignored (qemu-platform \"no\" \"no\" #u8() #u8()))\n"
    "(operating-system\n"
    "  (services (cons* (service qemu-binfmt-service-type\n"
    "                    (qemu-binfmt-configuration\n"
    "                      (qemu qemu)\n"
    "                      (platforms (append (list %arm) '()\n"
    "                        (list (qemu-platform \"s390x\" \"s390x\"\n"
    "                                #u8(127 69 76 70) #u8(#xff #xff #xff #xfe)))))))\n"
    "                   #~(begin #$foo #$@bar) %base-services)))\n";

static void test_table_guix_reads_a_configuration(void **state)
{
	struct table t;
	(void)state;
	parse(&t, config);
	assert_int_equal(t.problem_count, 0);
	assert_int_equal(t.count, 2);
	const struct binfmt_entry *arm = &t.items[0].entry, *s390x = &t.items[1].entry;
	assert_string_equal(arm->name, "qemu-arm");
	assert_int_equal(arm->offset, 0);
	assert_int_equal(arm->size, 5);
	assert_memory_equal(arm->magic,
			    "\x7f"
			    "ELF\x01",
			    5);
	assert_memory_equal(arm->mask, "\xff\xff\xff\xff\xff", 5);
	assert_string_equal(arm->interpreter, TABLE_GUIX_QEMU "/bin/qemu-arm");
	assert_int_equal(arm->flags, 0);
	assert_int_equal(t.items[0].line, 4);
	assert_string_equal(s390x->name, "qemu-s390x");
	assert_int_equal(s390x->mask[3], 0xfe);
	assert_int_equal(t.items[1].line, 11);
	table_free(&t);
}

/* Guix's own module: %qemu-platforms, and lookup-qemu-platforms over it
 * in its order. */
static void test_table_guix_lookup(void **state)
{
	struct table t;
	(void)state;
	parse(&t, "(define %a (qemu-platform \"a\" \"x\" #u8(1) #u8(255)))\n"
		  "(define %b (qemu-platform \"b\" \"x\" #u8(2) #u8(255)))\n"
		  "(define %unlisted (qemu-platform \"c\" \"x\" #u8(3) #u8(255)))\n"
		  "(define %qemu-platforms (list %a %b))\n"
		  "(qemu-binfmt-configuration (platforms (lookup-qemu-platforms \"b\" \"a\")))\n");
	assert_int_equal(t.problem_count, 0);
	assert_int_equal(t.count, 2);
	assert_string_equal(t.items[0].entry.name, "qemu-a");
	assert_string_equal(t.items[1].entry.name, "qemu-b");
	table_free(&t);
	parse(&t, "(define %a (qemu-platform \"a\" \"x\" #u8(1) #u8(255)))\n"
		  "(define %b (qemu-platform \"b\" \"x\" #u8(2) #u8(255)))\n"
		  "(define %qemu-platforms (list %b))\n");
	assert_int_equal(t.problem_count, 0);
	assert_int_equal(t.count, 1);
	assert_string_equal(t.items[0].entry.name, "qemu-b");
	table_free(&t);
}

static void test_table_guix_problems(void **state)
{
	(void)state;
	one_problem("(qemu-binfmt-configuration (platforms (list %nope)))", 1,
		    "\"%nope\" is not defined in this file");
	one_problem(
	    "(qemu-binfmt-configuration\n (platforms (lookup-qemu-platforms \"arm\")))", 2,
	    "lookup-qemu-platforms chooses from Guix's %qemu-platforms, which this file does not define: write the platforms out (qbinfmt export --format guix)");
	one_problem(
	    "(define %a (qemu-platform \"a\" \"x\" #u8(1) #u8(255)))\n"
	    "(define %qemu-platforms (list %a))\n"
	    "(qemu-binfmt-configuration (platforms (lookup-qemu-platforms \"b\")))",
	    3,
	    "lookup-qemu-platforms: no platform \"\\\"b\\\"\" in %qemu-platforms (Guix registers nothing for it)");
	one_problem(
	    "(qemu-binfmt-configuration (platforms (filter odd? x)))", 1,
	    "platforms: expected (list ...), (cons* ...), (append ...), '() or (lookup-qemu-platforms ...), not \"(filter odd? x)\"");
	one_problem("(qemu-binfmt-configuration (platforms (list \"arm\")))", 1,
		    "expected a qemu-platform, not \"\\\"arm\\\"\"");
	one_problem(
	    "(define %a (qemu-platform \"a\" \"x\" (string->utf8 \"x\") #u8(255)))", 1,
	    "magic: expected a bytevector, #u8(...) or (bv \"...\"), not \"(string->utf8 \\\"x\\\")\"");
	one_problem("(define %a (qemu-platform \"a\" \"x\" (bv \"\\u0100\") #u8(255)))", 1,
		    "magic: (bv \"...\") holds a character above \\xff, which is no byte");
	one_problem("(define %a (qemu-platform 'a \"x\" #u8(1) #u8(255)))", 1,
		    "qemu-platform: name and family must be strings, not \"'a\"");
	one_problem(
	    "(define %a (qemu-platform \"a\" \"x\" #u8(1)))", 1,
	    "qemu-platform takes name, family, magic and mask: \"(qemu-platform \\\"a\\\" \\\"x\\\" #u8(1))\"");
	one_problem(
	    "(define %a (qemu-platform \"a\" \"x\" #u8(1) #u8(1 2)))", 1,
	    "mask: must be as long as the magic: \":qemu-a:M::\\\\x01:\\\\x01\\\\x02:/gnu/store/HASH-qemu/bin/qemu-a:\"");
	one_problem(
	    "(define x 1)", 0,
	    "no qemu-binfmt-configuration with platforms, %qemu-platforms or qemu-platform in this file");
	/* The reader. */
	one_problem("(define %a (qemu-platform \"a\n", 1,
		    "unterminated string (\" without its closing \")");
	one_problem("\n(define %a\n (list 1 2)", 2, "'(' opened here is not closed");
	one_problem("(define %a (list 1 2]))", 1, "']' closes the '(' opened on line 1");
	one_problem("(define %a #u8(1 256))", 1,
		    "#u8(...) holds \"256\", which is no byte (0 to 255)");
	one_problem("(define %a \"\\q\")", 1, "unknown escape \\q in a string");
	one_problem("(define %a \"\\x4\")", 1, "\\x in a string needs 2 hex digits");
	one_problem("#| open", 1, "unterminated comment (#| without |#)");
	one_problem(")", 1, "')' closes nothing");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_table_guix_reads_a_configuration),
	    cmocka_unit_test(test_table_guix_lookup),
	    cmocka_unit_test(test_table_guix_problems),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
