package types

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
)

// chain33's JSON form of protobuf messages (its fork of golang/protobuf
// jsonpb with OrigName and EmitDefaults): every field in .proto declaration
// order under its proto name; a oneof only as its set member, at that
// member's position; 64-bit integers as JSON strings, 32-bit integers as
// numbers; bytes as "0x"+hex (null when empty), or, with utf8Bytes, as the
// string itself when the bytes are valid UTF-8; an unset message as null; an
// empty repeated field as []. Strings are escaped as Go's encoding/json does
// (including <, > and &), because the reference uses it.

// MarshalPB renders m in chain33's jsonpb form, compact. utf8Bytes selects
// the reference's PBToJSONUTF8 (transaction payloads) over PBToJSON (query
// results, receipt logs).
func MarshalPB(m proto.Message, utf8Bytes bool) ([]byte, error) { return appendPB(nil, m, utf8Bytes) }

// appendPB appends MarshalPB(m, utf8Bytes) to b; on an error it returns b.
func appendPB(b []byte, m proto.Message, utf8Bytes bool) ([]byte, error) {
	if m == nil || !m.ProtoReflect().IsValid() {
		return b, errors.New("Marshal called with nil")
	}
	w := pbWriter{buf: b, utf8Bytes: utf8Bytes}
	if err := w.message(m.ProtoReflect()); err != nil {
		return b, err
	}
	return w.buf, nil
}

type pbWriter struct {
	buf       []byte
	utf8Bytes bool
}

func (w *pbWriter) message(m protoreflect.Message) error {
	fds := m.Descriptor().Fields()
	w.buf = append(w.buf, '{')
	first := true
	done := map[protoreflect.FullName]bool{} // oneofs already written
	for i := 0; i < fds.Len(); i++ {
		fd := fds.Get(i)
		if od := fd.ContainingOneof(); od != nil && !od.IsSynthetic() {
			if done[od.FullName()] {
				continue
			}
			done[od.FullName()] = true
			if fd = m.WhichOneof(od); fd == nil {
				continue // unset oneof: nothing at all
			}
		}
		if !first {
			w.buf = append(w.buf, ',')
		}
		first = false
		w.buf = appendJSONString(w.buf, string(fd.Name()))
		w.buf = append(w.buf, ':')
		if err := w.field(m, fd); err != nil {
			return fmt.Errorf("field %s: %w", fd.Name(), err)
		}
	}
	w.buf = append(w.buf, '}')
	return nil
}

func (w *pbWriter) field(m protoreflect.Message, fd protoreflect.FieldDescriptor) error {
	switch {
	case fd.IsList():
		l := m.Get(fd).List()
		w.buf = append(w.buf, '[')
		for i := 0; i < l.Len(); i++ {
			if i > 0 {
				w.buf = append(w.buf, ',')
			}
			if err := w.value(fd, l.Get(i), true); err != nil {
				return err
			}
		}
		w.buf = append(w.buf, ']')
		return nil
	case fd.IsMap():
		return errors.New("map fields are not supported")
	case fd.Message() != nil && !m.Has(fd):
		w.buf = append(w.buf, "null"...)
		return nil
	}
	return w.value(fd, m.Get(fd), false)
}

// value writes one singular value; inList marks elements of a repeated field.
func (w *pbWriter) value(fd protoreflect.FieldDescriptor, v protoreflect.Value, inList bool) error {
	switch fd.Kind() {
	case protoreflect.MessageKind, protoreflect.GroupKind:
		return w.message(v.Message())
	case protoreflect.BoolKind:
		w.buf = strconv.AppendBool(w.buf, v.Bool())
	case protoreflect.Int32Kind, protoreflect.Sint32Kind, protoreflect.Sfixed32Kind:
		w.buf = strconv.AppendInt(w.buf, v.Int(), 10)
	case protoreflect.Uint32Kind, protoreflect.Fixed32Kind:
		w.buf = strconv.AppendUint(w.buf, v.Uint(), 10)
	case protoreflect.Int64Kind, protoreflect.Sint64Kind, protoreflect.Sfixed64Kind:
		w.buf = append(w.buf, '"')
		w.buf = strconv.AppendInt(w.buf, v.Int(), 10)
		w.buf = append(w.buf, '"')
	case protoreflect.Uint64Kind, protoreflect.Fixed64Kind:
		w.buf = append(w.buf, '"')
		w.buf = strconv.AppendUint(w.buf, v.Uint(), 10)
		w.buf = append(w.buf, '"')
	case protoreflect.FloatKind, protoreflect.DoubleKind:
		b, err := json.Marshal(v.Float())
		if err != nil {
			return err
		}
		w.buf = append(w.buf, b...)
	case protoreflect.EnumKind:
		w.buf = strconv.AppendInt(w.buf, int64(v.Enum()), 10)
	case protoreflect.StringKind:
		w.buf = appendJSONString(w.buf, v.String())
	case protoreflect.BytesKind:
		b := v.Bytes()
		switch {
		case len(b) == 0 && !inList:
			// The reference prints an unset (nil) bytes field as null. An
			// empty element of a repeated bytes field comes from the wire
			// as a non-nil empty slice, which it prints as "".
			w.buf = append(w.buf, "null"...)
		case w.utf8Bytes && utf8.Valid(b):
			w.buf = appendJSONString(w.buf, string(b))
		default:
			w.buf = appendJSONString(w.buf, HexWith0x(b))
		}
	default:
		return fmt.Errorf("unsupported kind %v", fd.Kind())
	}
	return nil
}

// appendJSONString appends s quoted exactly as encoding/json does. Most
// strings here (field names, addresses, hex) need no escape and are copied;
// any other goes through encoding/json, which a block's rendering would pay
// for every field of every transaction.
func appendJSONString(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= utf8.RuneSelf || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			q, _ := json.Marshal(s) // a string always marshals
			return append(b, q...)
		}
	}
	b = append(b, '"')
	b = append(b, s...)
	return append(b, '"')
}

// UnmarshalPB fills m from JSON as the reference's jsonpb does for request
// payloads (Query and CreateTransaction): fields by proto or JSON name;
// integers as JSON numbers or quoted strings; bytes as "0x"-hex or a plain
// string; null leaves a field unset; an unknown field is an error.
func UnmarshalPB(data []byte, m proto.Message) error {
	if m == nil {
		return errors.New("invalid nil message")
	}
	return unmarshalMessage(m.ProtoReflect(), data)
}

func unmarshalMessage(m protoreflect.Message, in []byte) error {
	md := m.Descriptor()
	if string(trimSpace(in)) == "null" {
		return nil
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(in, &obj); err != nil {
		return fmt.Errorf("%s: %w", md.FullName(), err)
	}
	fds := md.Fields()
	for i := 0; i < fds.Len(); i++ {
		fd := fds.Get(i)
		var raw json.RawMessage
		for _, name := range []string{string(fd.Name()), fd.JSONName()} {
			if v, ok := obj[name]; ok {
				delete(obj, name)
				raw = v
			}
		}
		if raw == nil || string(trimSpace(raw)) == "null" {
			continue
		}
		if err := unmarshalField(m, fd, raw); err != nil {
			return fmt.Errorf("bad value for field %q in %s: %w", fd.Name(), md.FullName(), err)
		}
	}
	if len(obj) > 0 {
		names := make([]string, 0, len(obj))
		for name := range obj {
			names = append(names, name)
		}
		sort.Strings(names)
		return fmt.Errorf("unknown field %q in %s", names[0], md.FullName())
	}
	return nil
}

func unmarshalField(m protoreflect.Message, fd protoreflect.FieldDescriptor, raw []byte) error {
	switch {
	case fd.IsMap():
		return errors.New("map fields are not supported")
	case fd.IsList():
		var elems []json.RawMessage
		if err := json.Unmarshal(raw, &elems); err != nil {
			return err
		}
		l := m.Mutable(fd).List()
		for _, e := range elems {
			if fd.Message() != nil {
				el := l.NewElement()
				if err := unmarshalMessage(el.Message(), e); err != nil {
					return err
				}
				l.Append(el)
				continue
			}
			v, err := unmarshalScalar(fd, e)
			if err != nil {
				return err
			}
			l.Append(v)
		}
		return nil
	case fd.Message() != nil:
		return unmarshalMessage(m.Mutable(fd).Message(), raw)
	}
	v, err := unmarshalScalar(fd, raw)
	if err != nil {
		return err
	}
	m.Set(fd, v)
	return nil
}

func unmarshalScalar(fd protoreflect.FieldDescriptor, in []byte) (protoreflect.Value, error) {
	in = trimSpace(in)
	switch fd.Kind() {
	case protoreflect.BoolKind:
		var v bool
		err := json.Unmarshal(in, &v)
		return protoreflect.ValueOfBool(v), err
	case protoreflect.Int32Kind, protoreflect.Sint32Kind, protoreflect.Sfixed32Kind:
		var v int32
		err := json.Unmarshal(trimQuote(in), &v)
		return protoreflect.ValueOfInt32(v), err
	case protoreflect.Int64Kind, protoreflect.Sint64Kind, protoreflect.Sfixed64Kind:
		var v int64
		err := json.Unmarshal(trimQuote(in), &v)
		return protoreflect.ValueOfInt64(v), err
	case protoreflect.Uint32Kind, protoreflect.Fixed32Kind:
		var v uint32
		err := json.Unmarshal(trimQuote(in), &v)
		return protoreflect.ValueOfUint32(v), err
	case protoreflect.Uint64Kind, protoreflect.Fixed64Kind:
		var v uint64
		err := json.Unmarshal(trimQuote(in), &v)
		return protoreflect.ValueOfUint64(v), err
	case protoreflect.FloatKind:
		var v float32
		err := json.Unmarshal(trimQuote(in), &v)
		return protoreflect.ValueOfFloat32(v), err
	case protoreflect.DoubleKind:
		var v float64
		err := json.Unmarshal(trimQuote(in), &v)
		return protoreflect.ValueOfFloat64(v), err
	case protoreflect.StringKind:
		var v string
		err := json.Unmarshal(in, &v)
		return protoreflect.ValueOfString(v), err
	case protoreflect.BytesKind:
		if string(in) == "[]" {
			return protoreflect.ValueOfBytes([]byte{}), nil
		}
		var s string
		if err := json.Unmarshal(in, &s); err != nil {
			return protoreflect.Value{}, err
		}
		if strings.HasPrefix(s, "0x") || strings.HasPrefix(s, "0X") {
			b, err := hex.DecodeString(s[2:])
			if err != nil {
				return protoreflect.Value{}, fmt.Errorf("bad hex %q: %w", s, err)
			}
			return protoreflect.ValueOfBytes(b), nil
		}
		return protoreflect.ValueOfBytes([]byte(s)), nil
	case protoreflect.EnumKind:
		if len(in) >= 2 && in[0] == '"' {
			var name string
			if err := json.Unmarshal(in, &name); err != nil {
				return protoreflect.Value{}, err
			}
			ev := fd.Enum().Values().ByName(protoreflect.Name(name))
			if ev == nil {
				return protoreflect.Value{}, fmt.Errorf("unknown value %q for enum %s", name, fd.Enum().FullName())
			}
			return protoreflect.ValueOfEnum(ev.Number()), nil
		}
		var v int32
		err := json.Unmarshal(in, &v)
		return protoreflect.ValueOfEnum(protoreflect.EnumNumber(v)), err
	}
	return protoreflect.Value{}, fmt.Errorf("unsupported kind %v", fd.Kind())
}

// trimQuote strips one pair of surrounding quotes, as the reference does to
// accept integers written as strings.
func trimQuote(in []byte) []byte {
	if len(in) >= 2 && in[0] == '"' && in[len(in)-1] == '"' {
		return in[1 : len(in)-1]
	}
	return in
}

func trimSpace(in []byte) []byte {
	return []byte(strings.TrimSpace(string(in)))
}
