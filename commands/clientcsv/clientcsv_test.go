package clientcsv

import (
	"bytes"
	"io"
	"reflect"
	"strings"
	"testing"

	"epicevents/model"
)

func problems(probs []Problem) []string {
	var s []string
	for _, p := range probs {
		s = append(s, p.String())
	}
	return s
}

type line struct {
	n                                  int
	first, last, email, phone, company string
}

func clients(rows []Row) []line {
	var l []line
	for _, r := range rows {
		c := r.Client
		l = append(l, line{n: r.Line, first: c.FirstName, last: c.LastName, email: c.Email, phone: c.Phone, company: c.CompanyName})
	}
	return l
}

// TestReadForms reads the same clients written the ways spreadsheets
// write them.
func TestReadForms(t *testing.T) {
	want := []line{
		{n: 2, first: "Éloïse", last: "Müller", email: "eloise@acme.test", phone: "0102030405", company: "Acme, Inc."},
		{n: 3, first: "Jean", last: "D'Arc \"la Pucelle\"", email: "jean@orleans.test", phone: "+33 1 02 03 04 05", company: "Orléans; France"},
	}
	for name, file := range map[string]string{
		"comma LF": "first_name,last_name,email,phone,company_name\n" +
			"Éloïse,Müller,eloise@acme.test,0102030405,\"Acme, Inc.\"\n" +
			"Jean,\"D'Arc \"\"la Pucelle\"\"\",jean@orleans.test,+33 1 02 03 04 05,Orléans; France\n",
		"semicolon CRLF BOM, any order and case": bom + "EMAIL; First_Name ;last_name;Phone;COMPANY_NAME\r\n" +
			"eloise@acme.test;Éloïse;Müller;0102030405;Acme, Inc.\r\n" +
			"jean@orleans.test;Jean;\"D'Arc \"\"la Pucelle\"\"\";+33 1 02 03 04 05;\"Orléans; France\"\r\n",
		"no final line break": "company_name,phone,email,last_name,first_name\n" +
			"\"Acme, Inc.\",0102030405,eloise@acme.test,Müller,Éloïse\n" +
			"Orléans; France,+33 1 02 03 04 05,jean@orleans.test,\"D'Arc \"\"la Pucelle\"\"\",Jean",
		"CR line ends (old Mac)": "first_name,last_name,email,phone,company_name\r" +
			"Éloïse,Müller,eloise@acme.test,0102030405,\"Acme, Inc.\"\r" +
			"Jean,\"D'Arc \"\"la Pucelle\"\"\",jean@orleans.test,+33 1 02 03 04 05,Orléans; France\r",
		"empty columns without a name after the last": "first_name,last_name,email,phone,company_name,,\n" +
			"Éloïse,Müller,eloise@acme.test,0102030405,\"Acme, Inc.\",,\n" +
			"Jean,\"D'Arc \"\"la Pucelle\"\"\",jean@orleans.test,+33 1 02 03 04 05,Orléans; France, ,\n",
	} {
		t.Run(name, func(t *testing.T) {
			rows, probs, err := Read(strings.NewReader(file))
			if err != nil || len(probs) > 0 {
				t.Fatalf("Read: %v %v", problems(probs), err)
			}
			if got := clients(rows); !reflect.DeepEqual(got, want) {
				t.Errorf("read\n%+v\nwant\n%+v", got, want)
			}
		})
	}
}

// TestReadLines: a record is reported on the line it starts on, however
// many lines quoted line breaks make it span; blank rows are skipped and
// still counted.
func TestReadLines(t *testing.T) {
	file := "first_name,last_name,email,phone,company_name\r\n" +
		"A,B,a@b.test,0102030405,\"Two\r\nlines\"\r\n" + // line 2, spans 2-3
		"\r\n" + // line 4: empty
		",,,,\r\n" + // line 5: empty cells
		"C,D,c@d.test,0102030405,\"Three\nlines\nhere\"\n" + // line 6, spans 6-8
		"E,F,e@f.test,0102030405,G\n" // line 9
	rows, probs, err := Read(strings.NewReader(file))
	if err != nil || len(probs) > 0 {
		t.Fatalf("Read: %v %v", problems(probs), err)
	}
	var lines []int
	for _, r := range rows {
		lines = append(lines, r.Line)
	}
	if !reflect.DeepEqual(lines, []int{2, 6, 9}) {
		t.Errorf("lines %v, want [2 6 9]", lines)
	}
	if rows[0].Client.CompanyName != "Two\nlines" || rows[1].Client.CompanyName != "Three\nlines\nhere" {
		t.Errorf("quoted line breaks: %q, %q", rows[0].Client.CompanyName, rows[1].Client.CompanyName)
	}
}

func TestReadHeaderProblems(t *testing.T) {
	known := "the columns are first_name,last_name,email,phone,company_name"
	for name, c := range map[string]struct {
		file string
		want []string
	}{
		"missing":       {"first_name,last_name,email,company_name\nA,B,a@b.test,C\n", []string{"line 1: phone: missing column: " + known}},
		"unknown":       {"first_name,last_name,email,phone,company_name,fax\n", []string{"line 1: fax: unknown column: " + known}},
		"twice":         {"first_name,last_name,email,phone,company_name,Email\n", []string{"line 1: email: column given twice"}},
		"empty":         {"", []string{"line 1: the file is empty: its first line must name the columns first_name,last_name,email,phone,company_name"}},
		"only a BOM":    {bom, []string{"line 1: the file is empty: its first line must name the columns first_name,last_name,email,phone,company_name"}},
		"UTF-16":        {"\xff\xfef\x00i\x00r\x00s\x00t\x00", []string{"line 1: UTF-16 or UTF-32 text: save the file as CSV UTF-8"}},
		"UTF-16 BE":     {"\xfe\xff\x00f\x00i", []string{"line 1: UTF-16 or UTF-32 text: save the file as CSV UTF-8"}},
		"NUL bytes":     {"PATH=/bin\x00SECRET=x\x00", []string{"line 1: not a text file (it holds NUL bytes): save the file as CSV UTF-8"}},
		"NUL first":     {"\x00f\x00i\x00r\x00s\x00t", []string{"line 1: not a text file (it holds NUL bytes): save the file as CSV UTF-8"}},
		"unknown of 40": {strings.Repeat("y", 40) + ",first_name,last_name,email,phone,company_name\n", []string{"line 1: " + strings.Repeat("y", 40) + ": unknown column: " + known}},
		"long unknown":  {strings.Repeat("x", 5000) + ",first_name,last_name,email,phone,company_name\n", []string{"line 1: " + strings.Repeat("x", 40) + "…: unknown column: " + known}},
		"no header": {"Ann,Lee,ann@lee.test,0102030405,Lee\n", []string{
			"line 1: Ann: unknown column: " + known, "line 1: Lee: unknown column: " + known,
			"line 1: ann@lee.test: unknown column: " + known, "line 1: 0102030405: unknown column: " + known,
			"line 1: Lee: unknown column: " + known,
			"line 1: first_name: missing column: " + known, "line 1: last_name: missing column: " + known,
			"line 1: email: missing column: " + known, "line 1: phone: missing column: " + known,
			"line 1: company_name: missing column: " + known,
		}},
	} {
		t.Run(name, func(t *testing.T) {
			rows, probs, err := Read(strings.NewReader(c.file))
			if err != nil || rows != nil {
				t.Fatalf("Read: %v rows, %v", len(rows), err)
			}
			if got := problems(probs); !reflect.DeepEqual(got, c.want) {
				t.Errorf("problems\n%q\nwant\n%q", got, c.want)
			}
			for _, p := range probs {
				if p.Err.Code != model.EINVALID {
					t.Errorf("%s: code %s", p, p.Err.Code)
				}
			}
		})
	}
}

// TestReadRecordProblems: a record that cannot be read is reported on its
// line and the reading goes on, so that every problem shows at once.
func TestReadRecordProblems(t *testing.T) {
	file := "first_name;last_name;email;phone;company_name\n" +
		"A;B;a@b.test;0102030405\n" + // 2: a field short
		"A;B;a@b.test;0102030405;C;D\n" + // 3: a field more
		"A;B\"x;a@b.test;0102030405;C\n" + // 4: a bare quote
		"\xe9mile;B;e@b.test;0102030405;C\n" + // 5: Latin-1
		"Ok;Row;ok@row.test;0102030405;C\n" // 6
	rows, probs, err := Read(strings.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"line 2: 4 fields, the header has 5",
		"line 3: 6 fields, the header has 5",
		`line 4: bare " in non-quoted-field`,
		"line 5: first_name: not UTF-8 text: save the file as CSV UTF-8",
	}
	if got := problems(probs); !reflect.DeepEqual(got, want) {
		t.Errorf("problems\n%q\nwant\n%q", got, want)
	}
	if len(rows) != 1 || rows[0].Line != 6 {
		t.Errorf("rows %+v, want the one of line 6", rows)
	}
}

func TestReadUnclosedQuote(t *testing.T) {
	file := "first_name,last_name,email,phone,company_name\nA,B,a@b.test,0102030405,C\nA,\"B,a@b.test,0102030405,C\nD,E,d@e.test,1,F\n"
	_, probs, err := Read(strings.NewReader(file))
	if err != nil {
		t.Fatal(err)
	}
	if got := problems(probs); len(got) != 1 || !strings.HasPrefix(got[0], "line 3: ") {
		t.Errorf("problems %q, want one on line 3, where the quote opens", got)
	}
}

func TestReadLimits(t *testing.T) {
	var b bytes.Buffer
	b.WriteString("first_name,last_name,email,phone,company_name\n")
	for i := 0; i <= MaxRows; i++ {
		b.WriteString("A,B,a@b.test,0102030405,C\n")
	}
	rows, probs, err := Read(&b)
	want := []string{"line 100002: more than 100000 clients: split the file"}
	if got := problems(probs); err != nil || rows != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("%d rows: %d rows, %q, %v; want %q", MaxRows+1, len(rows), got, err, want)
	}

	big := io.MultiReader(strings.NewReader("first_name,last_name,email,phone,company_name\nA,\""), endless{})
	rows, probs, err = Read(big)
	if model.ErrorCode(err) != model.EINVALID || !strings.Contains(err.Error(), "larger than 32 MiB") || rows != nil || probs != nil {
		t.Errorf("a file larger than 32 MiB: %d rows, %v, %v", len(rows), probs, err)
	}
}

// endless is a reader that never ends.
type endless struct{}

func (endless) Read(p []byte) (int, error) {
	for i := range p {
		p[i] = 'a'
	}
	return len(p), nil
}

func TestSeparator(t *testing.T) {
	for in, want := range map[string]rune{
		"a,b,c":                       ',',
		"a;b;c":                       ';',
		"a;b,c;d\nx,y,z,w,v,u,t":      ';', // only the header line counts
		"first_name":                  ',',
		"a,b;c":                       ',', // a tie is a comma
		"\"a;b\",c,d;e\r\nmore;;;;;;": ',',
		"\n\r\na;b;c\nx,y,z,w":        ';', // blank lines before the header are skipped, as the reader skips them
		"\n\na,b,c\nx;y;z;w":          ',',
	} {
		if got := separator([]byte(in)); got != want {
			t.Errorf("separator(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestCheck applies the rules of `client create` to every row, reports
// every bad field of every row, and finds the e-mails given twice
// (whatever their case) as conflicts.
func TestReadBlankLinesBeforeHeader(t *testing.T) {
	rows, probs, err := Read(strings.NewReader("\r\n\nfirst_name;last_name;email;phone;company_name\nA;B;a@b.test;0102030405;C\n"))
	if err != nil || len(probs) > 0 || len(rows) != 1 || rows[0].Client.CompanyName != "C" || rows[0].Line != 4 {
		t.Fatalf("rows %v, problems %q, %v", clients(rows), problems(probs), err)
	}
}

// TestSizeCheck reads a file of exactly MaxBytes, and refuses one byte more.
func TestSizeCheck(t *testing.T) {
	for _, c := range []struct {
		size int64
		want error
	}{{MaxBytes, nil}, {MaxBytes + 1, errTooLarge}} {
		n, err := io.Copy(io.Discard, &sizeCheck{r: io.LimitReader(endless{}, c.size)})
		if err != c.want || (err == nil && n != c.size) {
			t.Errorf("%d bytes: read %d, %v; want %v", c.size, n, err, c.want)
		}
	}
}

func TestCheck(t *testing.T) {
	file := "first_name,last_name,email,phone,company_name\n" +
		"Ann,Lee,Ann@Lee.test,0102030405,Lee\n" + // 2: good
		" ,Lee,x@,12,Lee\n" + // 3: three bad fields
		"Bob,Ray,ann@lee.TEST,0102030405,Ray\n" + // 4: Ann's e-mail again
		"Cy,Fox,cy@fox.test,0102030405,\n" + // 5: no company
		"Dee,Ng,x@,0102030405,Ng\n" + // 6: bad, not a duplicate of line 3
		"Eve,Ng,ANN@lee.test,12,Ng\n" // 7: a bad phone, and Ann's e-mail again
	rows, probs, err := Read(strings.NewReader(file))
	if err != nil || len(probs) > 0 {
		t.Fatal(probs, err)
	}
	probs = Check(rows)
	want := []string{
		"line 3: first_name: first name cannot be empty",
		`line 3: email: invalid e-mail "x@"`,
		`line 3: phone: invalid phone "12": 6 to 20 digits, with optional + - . ( ) and spaces`,
		"line 4: email: ann@lee.test is already on line 2",
		"line 5: company_name: company name cannot be empty",
		`line 6: email: invalid e-mail "x@"`,
		"line 7: email: ann@lee.test is already on line 2", // in the order of the columns
		`line 7: phone: invalid phone "12": 6 to 20 digits, with optional + - . ( ) and spaces`,
	}
	if got := problems(probs); !reflect.DeepEqual(got, want) {
		t.Errorf("problems\n%q\nwant\n%q", got, want)
	}
	if rows[0].Client.Email != "ann@lee.test" {
		t.Errorf("e-mail not normalised: %q", rows[0].Client.Email)
	}
	if Code(probs) != model.EINVALID {
		t.Errorf("Code = %s, want invalid", Code(probs))
	}
	if Code(probs[3:4]) != model.ECONFLICT {
		t.Errorf("Code of a duplicate alone = %s, want conflict", Code(probs[3:4]))
	}
}

// TestReadUnnamedColumnWithValue: a column without a name may be there
// only empty; a value in it is reported, naming the column by its number.
func TestReadUnnamedColumnWithValue(t *testing.T) {
	file := "first_name,last_name,,email,phone,company_name\n" +
		"A,B,,a@b.test,0102030405,C\n" +
		"D,E,note,d@e.test,0102030405,F\n"
	rows, probs, err := Read(strings.NewReader(file))
	want := []string{"line 3: column 3 has no name in the header but a value here: name it or empty it"}
	if err != nil || len(rows) != 1 || rows[0].Client.Email != "a@b.test" || !reflect.DeepEqual(problems(probs), want) {
		t.Errorf("Read = %d rows, %q, %v; want 1 row and %q", len(rows), problems(probs), err, want)
	}
}

// TestReadLineEnds: CR alone ends a line wherever it is (an old Mac
// export, whose first line may be longer than any look ahead), also beside
// LF inside a quoted cell (Excel's line break in a cell); CRLF and LF read
// as ever, mixed too.
func TestReadLineEnds(t *testing.T) {
	long := strings.Repeat("x", 5000)
	header := "first_name,last_name,email,phone,company_name"
	for name, c := range map[string]struct {
		file    string
		company string
		lines   []int
	}{
		"CR, long first line": {header + strings.Repeat(" ", 5000) + "\r" + "Ann,Lee,ann@x.test,0102030405," + long + "\r" +
			"Bob,Ray,bob@x.test,0102030405,Beta\r", long, []int{2, 3}},
		"CR, LF in a quoted cell": {header + "\rAnn,Lee,ann@x.test,0102030405,\"Acme\nParis\"\rBob,Ray,bob@x.test,0102030405,Beta\r",
			"Acme\nParis", []int{2, 4}},
		"CR, CR in a quoted cell": {header + "\rAnn,Lee,ann@x.test,0102030405,\"Acme\rParis\"\rBob,Ray,bob@x.test,0102030405,Beta",
			"Acme\nParis", []int{2, 4}},
		"CR first, CR blank lines": {"\r" + header + "\rAnn,Lee,ann@x.test,0102030405,Acme\r\r\rBob,Ray,bob@x.test,0102030405,Beta\r",
			"Acme", []int{3, 6}},
		"mixed":        {header + "\r\nAnn,Lee,ann@x.test,0102030405,Acme\rBob,Ray,bob@x.test,0102030405,Beta\n", "Acme", []int{2, 3}},
		"CRLF at 4096": {header + strings.Repeat(" ", 4095-len(header)) + "\r\nAnn,Lee,ann@x.test,0102030405,Acme\r\nBob,Ray,bob@x.test,0102030405,Beta\r\n", "Acme", []int{2, 3}},
	} {
		t.Run(name, func(t *testing.T) {
			rows, probs, err := Read(strings.NewReader(c.file))
			if err != nil || len(probs) > 0 {
				t.Fatalf("Read: %q %v", problems(probs), err)
			}
			var lines []int
			for _, r := range rows {
				lines = append(lines, r.Line)
			}
			if len(rows) != 2 || rows[0].Client.CompanyName != c.company || rows[1].Client.Email != "bob@x.test" || !reflect.DeepEqual(lines, c.lines) {
				t.Errorf("rows %+v, lines %v; want company %.20q, lines %v", clients(rows), lines, c.company, c.lines)
			}
		})
	}
}

// TestSort: problems go by line, then by column in the order of Columns
// (the whole line first), keeping the order of equal ones.
func TestSort(t *testing.T) {
	p := func(line int, field, msg string) Problem { return problem(line, field, model.EINVALID, "%s", msg) }
	probs := []Problem{p(3, "email", "a"), p(2, "phone", "b"), p(2, "", "c"), p(2, "first_name", "d"),
		p(1, "company_name", "e"), p(2, "phone", "f")}
	Sort(probs)
	want := []string{"line 1: company_name: e", "line 2: c", "line 2: first_name: d", "line 2: phone: b",
		"line 2: phone: f", "line 3: email: a"}
	if got := problems(probs); !reflect.DeepEqual(got, want) {
		t.Errorf("sorted\n%q\nwant\n%q", got, want)
	}
}
