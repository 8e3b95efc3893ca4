/**
 * Common given names in Germany (German, and those of the largest immigrant communities:
 * Turkish, Arabic, Polish, Ukrainian/Russian, Balkan, Italian), in normalised spelling.
 *
 * Used for one decision only: when two given names are a typo apart but BOTH are real names
 * ("Lena"/"Lina", "Jonas"/"Jonah", "Daniel"/"Daniela", "Peter"/"Petra"), they are two people's
 * names, not a slip of the pen. In a household those are twins, siblings or spouses, so the
 * scorer must not treat them as the same first name. A name missing from the list only means
 * that this extra caution does not apply to it.
 */
import { normaliseName } from './normalise.js';

const NAMES = `
aaron adam adrian agnes agnieszka ahmad ahmed ahmet aisha alan albert alexander alexandra alexandru alfred ali alia
alice alicja alina aline alma amal amelie amir amira ana andre andrea andreas andrei andrii andrzej angela angelika
anita anja anke ann anna anne anneliese annemarie annette annika anton antonia antje arne arthur astrid aylin ayse
bahar barbara bartlomiej beate beatrix ben benedikt benjamin bernd bernhard bettina bianca bilal birgit bjoern bohdan
bohdana brigitte bruno buesra burak can cansu carina carl carla carlo carmen carola caroline celina cem charlotte
chiara christa christian christiane christina christine christoph christopher claudia clara dana daniel daniela
daniil david deniz denis denise dennis derya detlef diana dieter dilara dima dirk dmytro dominik dorota doris
doerte edith eduard elena elias elif elisa elisabeth elke ella ellen emil emilia emily emine emir emma emre enes erik
erika ernst esra eva ewa fabian fatima fatma felix finn florian frank franka franz franziska frieda friedrich fritz
gabriel gabriela gabriele georg georgia gerd gerda gerhard gertrud gisela goekhan goetz greta grazyna grzegorz gudrun
guel guelsen guenter guenther hakan halyna hamza hanna hannah hannelore hans harald hartmut hasan hassan hatice heike
heinrich heinz helena helene helga helmut hendrik henrik henrike henry herbert hildegard holger horst huda huelya
hueseyin hussein ibrahim ida ilse ina inge ingo ingrid irene irina irmgard iryna isabel isabella ivan jakob jakub jan
jana janina jannik jasmin jens jessica joachim joanna johann johanna johannes jonah jonas jonathan joerg joern josef
julia julian juliane julius juergen justin jutta kai karim karin karl karla karolina katarzyna kateryna katharina
kathrin katja katrin kemal kerstin kevin khaled kim klara klaus konrad konstantin kristian kristina krzysztof kurt
lara lars laura layla lea leah lena leni leon leonie lilli lina linda lisa lotta louis louisa luca lucas luis luisa
luise lukas lukasz lutz magdalena maja maksym malgorzata mandy manfred manuel manuela marco marcel marcella marek
margarete margit maria marian marianne marie mariam marina mario mark markus marlene marta martha martin martina
marvin mathias mathilda matthias max maximilian mehmet melanie melina melissa merve mia michael michaela michal
michalina mila milan mira mirko mohammed monika moritz murat mustafa mykola nadine nadja natalia nataliia natalie
nele nicole niklas nico nils noah noor nora norbert oksana olaf olena oleksandr oleksandra olga olha oliver omar
oskar osman otto oezlem paul paula pauline pawel peter petra philipp philippa piotr rainer ralf rania rasha rene
renee renate robert roberta rolf rosa ruediger ruth sabine sabrina salma samir samuel sandra sara sarah sascha
sebastian selin serhii serkan sevgi silke simon simone sofia sophia sophie soenke soeren songuel stefan stefanie
steffen stephan stephanie susanne sven svenja svetlana svitlana sylvia tanja tarek tetiana theo theresa thomas tim
timo tobias tom torsten ulrich ulrike ursula ute uwe valentin valentina vanessa vera veronika viktor viktoria
viktoriia vitalii vitaliia volker volodymyr walter walid waltraud werner wiebke wilhelm willi wojciech wolfgang
yasemin yasmin yevhen yevheniia yousef yuliia yurii yusuf zeynep zofia jean jeanne andre sule oemer uemit gaby
`;

export const GIVEN_NAMES: ReadonlySet<string> = new Set(NAMES.split(/\s+/).filter(Boolean).map((n) => normaliseName(n).replace(/ /g, '')));
