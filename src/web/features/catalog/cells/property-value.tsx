import { Anchor, Badge, Code, Group, Text } from '@mantine/core';
import { lazyWithRetry } from '../../../components/lazy';
import { Link } from '@tanstack/react-router';
import { Suspense } from 'react';
import type { PropertySchema } from '../../../../core/blueprint';
import { Countdown, DateTime } from '../../../components/time';
import { safeHref } from './safe-href';
import { enumColorOf } from '../../../components/enum-colors';

const Markdown = lazyWithRetry(() =>
  import('../../../components/markdown').then((m) => ({ default: m.Markdown })),
);
const CodeView = lazyWithRetry(() =>
  import('../../../components/code-view').then((m) => ({ default: m.CodeView })),
);

interface Props {
  schema: PropertySchema | undefined;
  value: unknown;
  /** A table cell: one line, nothing loaded lazily. */
  compact?: boolean;
  /** One element of an array property. */
  asItem?: boolean;
}

/** A property's value as its format says: links, chips, times, colours, rendered markdown, code. */
export function PropertyValue({ schema, value, compact, asItem }: Props) {
  if (value === undefined || value === null || value === '')
    return compact ? null : (
      <Text span c="dimmed">
        —
      </Text>
    );
  if (Array.isArray(value)) {
    const items = (schema?.items ?? {}) as PropertySchema;
    if (schema?.items && isScalarList(value))
      return (
        <Group gap={4} wrap={compact ? 'nowrap' : 'wrap'} component="span">
          {value.map((item, index) => (
            <PropertyValue key={index} schema={items} value={item} compact={compact} asItem />
          ))}
        </Group>
      );
    return <Structured value={value} compact={compact} />;
  }
  if (typeof value === 'object') {
    if (schema?.format === 'labeled-url') return <LabeledUrl value={value as Record<string, unknown>} />;
    return <Structured value={value} compact={compact} />;
  }
  if (typeof value === 'boolean')
    return (
      <Badge variant="light" color={value ? 'green' : 'gray'}>
        {value ? 'Yes' : 'No'}
      </Badge>
    );
  if (typeof value === 'number') return <span>{value.toLocaleString()}</span>;
  const text = String(value);
  if (schema && !schema.format && !schema.enum && schema.type === 'string' && asItem)
    return (
      <Badge variant="default" style={{ textTransform: 'none' }}>
        {text}
      </Badge>
    );
  if (schema?.enum) {
    const color = enumColorOf(schema.enumColors, text);
    return (
      <Badge variant="light" color={color} style={{ textTransform: 'none' }}>
        {text}
      </Badge>
    );
  }
  switch (schema?.format) {
    case 'url': {
      const href = safeHref(text);
      return href ? (
        <Anchor href={href} target="_blank" rel="noopener noreferrer">
          {text}
        </Anchor>
      ) : (
        <span>{text}</span>
      );
    }
    case 'email':
    case 'idn-email':
      return <Anchor href={`mailto:${encodeURIComponent(text).replace('%40', '@')}`}>{text}</Anchor>;
    case 'user':
      return <EntityChip blueprint="_user" identifier={text} />;
    case 'team':
      return <EntityChip blueprint="_team" identifier={text} />;
    case 'entity':
      return typeof schema.blueprint === 'string' ? (
        <EntityChip blueprint={schema.blueprint} identifier={text} />
      ) : (
        <span>{text}</span>
      );
    case 'blueprints':
      return (
        <Anchor
          renderRoot={(props) => <Link to="/catalog/$blueprint" params={{ blueprint: text }} {...props} />}
        >
          {text}
        </Anchor>
      );
    case 'date-time':
      return <DateTime value={text} compact={compact} />;
    case 'timer':
      return compact ? <DateTime value={text} compact /> : <Countdown value={text} />;
    case 'markdown':
      return compact ? (
        <span>{firstLine(text)}</span>
      ) : (
        <Suspense fallback={<Text size="sm">{text}</Text>}>
          <Markdown>{text}</Markdown>
        </Suspense>
      );
    case 'yaml':
    case 'proto':
      return compact ? (
        <Code>{firstLine(text)}</Code>
      ) : (
        <Suspense fallback={<Code block>{text}</Code>}>
          <CodeView value={text} language={schema.format === 'yaml' ? 'yaml' : 'text'} />
        </Suspense>
      );
    case 'multi-line':
      return compact ? (
        <span>{firstLine(text)}</span>
      ) : (
        <Text style={{ whiteSpace: 'pre-wrap' }}>{text}</Text>
      );
  }
  return <span>{text}</span>;
}

const isScalarList = (values: unknown[]) =>
  values.every((v) => v === null || typeof v !== 'object' || !Array.isArray(v));
const firstLine = (text: string) => {
  const line = text.split('\n', 1)[0] ?? '';
  return line.length < text.length ? `${line} …` : line;
};

function Structured({ value, compact }: { value: unknown; compact?: boolean }) {
  const json = JSON.stringify(value, null, 2);
  if (compact) return <Code>{JSON.stringify(value).slice(0, 120)}</Code>;
  return (
    <Suspense fallback={<Code block>{json}</Code>}>
      <CodeView value={json} language="json" />
    </Suspense>
  );
}

function LabeledUrl({ value }: { value: Record<string, unknown> }) {
  const href = typeof value.url === 'string' ? safeHref(value.url) : undefined;
  const label =
    typeof value.displayText === 'string' && value.displayText ? value.displayText : String(value.url ?? '');
  return href ? (
    <Anchor href={href} target="_blank" rel="noopener noreferrer">
      {label}
    </Anchor>
  ) : (
    <span>{label}</span>
  );
}

export function EntityChip({
  blueprint,
  identifier,
  title,
}: {
  blueprint: string;
  identifier: string;
  title?: string | null;
}) {
  return (
    <Badge
      renderRoot={(props) => (
        <Link to="/catalog/$blueprint/$entity" params={{ blueprint, entity: identifier }} {...props} />
      )}
      variant="outline"
      radius="xl"
      style={{ textTransform: 'none', cursor: 'pointer' }}
    >
      {title ?? identifier}
    </Badge>
  );
}
