package commands

import (
	"fmt"
	"reflect"
	"strings"
)

// handler is a command's Run bound to its declaration: it makes the
// options value of an invocation and calls the handler with it.
type handler struct {
	bound  bool
	fn     reflect.Value // the handler, nil for func(*Ctx) (Result, error)
	plain  func(*Ctx) (Result, error)
	opts   reflect.Type // the options struct, nil without one
	fields []int        // the field of each flag of Flags, by index
}

var (
	ctxType    = reflect.TypeFor[*Ctx]()
	resultType = reflect.TypeFor[Result]()
	errorType  = reflect.TypeFor[error]()
)

// handler returns the command's handler, bound to its options.
func (c *Command) handler() (handler, error) {
	if c.run.bound {
		return c.run, nil
	}
	// A command that is not in Table (a test's): bound on the fly.
	return c.bind()
}

// bind checks the command's handler against its flags: every flag has the
// field of its type, every field of the options is a declared flag.
func (c *Command) bind() (handler, error) {
	switch fn := c.Run.(type) {
	case nil:
		if len(c.Flags) > 0 {
			return handler{}, fmt.Errorf("%s declares flags but has no handler", c.Name)
		}
		return handler{bound: true}, nil
	case func(*Ctx) (Result, error):
		if len(c.Flags) > 0 {
			return handler{}, fmt.Errorf("%s declares flags, but its handler takes no options", c.Name)
		}
		return handler{bound: true, plain: fn}, nil
	}
	v := reflect.ValueOf(c.Run)
	t := v.Type()
	if t.Kind() != reflect.Func || t.NumIn() != 2 || t.In(0) != ctxType || t.NumOut() != 2 ||
		t.Out(0) != resultType || t.Out(1) != errorType ||
		t.In(1).Kind() != reflect.Pointer || t.In(1).Elem().Kind() != reflect.Struct {
		return handler{}, fmt.Errorf("%s: Run is a %s, not a func(*Ctx) (Result, error) or func(*Ctx, *Options) (Result, error)", c.Name, t)
	}
	h := handler{bound: true, fn: v, opts: t.In(1).Elem()}
	seen := map[string]bool{}
	for _, f := range c.Flags {
		field, ok := h.opts.FieldByName(fieldName(f.Name))
		if !ok || len(field.Index) != 1 {
			return handler{}, fmt.Errorf("%s: --%s has no field %s in %s", c.Name, f.Name, fieldName(f.Name), h.opts)
		}
		if err := checkFieldType(f, field.Type); err != nil {
			return handler{}, fmt.Errorf("%s: --%s: %v", c.Name, f.Name, err)
		}
		seen[field.Name] = true
		h.fields = append(h.fields, field.Index[0])
	}
	for i := range h.opts.NumField() {
		if name := h.opts.Field(i).Name; !seen[name] {
			return handler{}, fmt.Errorf("%s: the handler reads %s.%s, which is no flag of the command", c.Name, h.opts, name)
		}
	}
	return h, nil
}

// checkFieldType checks that a field of type t can hold the flag f.
func checkFieldType(f Flag, t reflect.Type) error {
	var want reflect.Type
	switch {
	case f.Value == "":
		want = reflect.TypeFor[bool]()
	case f.Required:
		want = reflect.TypeFor[string]()
	case t.Kind() == reflect.Pointer:
		want = reflect.TypeFor[*string]()
	default:
		want = reflect.TypeFor[string]()
	}
	if t != want {
		return fmt.Errorf("its field is a %s, not a %s", t, want)
	}
	return nil
}

// fieldName is the options field of a flag: first-name -> FirstName,
// id -> ID.
func fieldName(flag string) string {
	var b strings.Builder
	for _, part := range strings.Split(flag, "-") {
		if part == "id" {
			b.WriteString("ID")
		} else if part != "" {
			b.WriteString(strings.ToUpper(part[:1]) + part[1:])
		}
	}
	return b.String()
}

// options builds the options value of the flags given, a pointer to the
// handler's options struct.
func (h handler) options(cmd *Command, given map[string]string) reflect.Value {
	o := reflect.New(h.opts)
	for i, f := range cmd.Flags {
		v, ok := given[f.Name]
		if !ok {
			continue
		}
		field := o.Elem().Field(h.fields[i])
		switch field.Kind() {
		case reflect.Bool:
			field.SetBool(true)
		case reflect.String:
			field.SetString(v)
		case reflect.Pointer:
			field.Set(reflect.ValueOf(&v))
		}
	}
	return o
}

// call runs the command's handler with the invocation's options, refusing
// first a missing required flag.
func call(c *Ctx) (Result, error) {
	h, err := c.Cmd.handler()
	if err != nil {
		return Result{}, err
	}
	if h.plain != nil {
		return h.plain(c)
	}
	for _, f := range c.Cmd.Flags {
		if _, ok := c.given[f.Name]; f.Required && !ok {
			return Result{}, usagef("missing --%s %s: usage: %s", f.Name, f.Value, c.Cmd.Usage())
		}
	}
	out := h.fn.Call([]reflect.Value{reflect.ValueOf(c), h.options(c.Cmd, c.given)})
	err, _ = out[1].Interface().(error)
	return out[0].Interface().(Result), err
}
