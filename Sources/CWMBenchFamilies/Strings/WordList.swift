import CWMBenchCore
import CWMBenchFormats

/// The words `strings` traces start from: common English words, lowercase a–z, 4 to 12 letters.
///
/// Written for this project (nothing is downloaded), one block per word length, each block in
/// alphabetical order. Whole words tokenize into few tokens in common BPE vocabularies; the
/// edits of a trace break them apart, which is what the family probes. Changing this list changes
/// every `strings` task file: it is part of the format's reproducibility.
enum WordList {
  /// The list as written: words separated by spaces and newlines.
  static let text = """
    able acid aged also area army away baby back ball band bank base bath bear beat bell best bird blue boat body
    bone book born both bowl busy cake call calm camp card care case cash cell city club coal coat code cold come
    cook cool copy corn cost crew crop dark data date dawn deal dear deep desk diet dirt dish door down draw drop
    drum duck dust duty each earn east easy edge even ever face fact fair fall farm fast fear feel file fill film
    find fine fire firm fish five flag flat flow food foot form four free frog fuel full fund gain game gate gift
    girl give glad goal gold golf good gray grow hair half hall hand hard harm have head hear heat help here hero
    high hill hold hole home hope horn host hour huge idea inch iron item jazz join joke jump keen keep kind king
    kiss knee knot know lake lamp land lane last late lead leaf left lend
    apple beach bread brick brown chair chalk charm cheap chess chief child clean clear clock cloud coast couch
    count cover craft cream crowd dance dream dress drink earth empty enjoy entry equal event exact fault field
    final flame floor focus force frame fresh fruit ghost giant glass grain grape grass green guard guess guest
    happy heart heavy horse hotel house human image judge juice knife laugh layer lemon level light local lucky
    lunch magic major maple march match metal model money month mouse mouth music night noise north novel ocean
    offer often order other paint paper party peace pearl phone piano piece pilot place plane plant plate point
    power press price pride print prize proud queen quick quiet radio raise
    action animal answer autumn banana basket battle beauty bottle branch bridge bright button camera candle
    carpet castle center change cheese circle coffee corner cotton county credit desert dinner doctor dollar
    double dragon driver easily engine family farmer father finger flower forest friend garden ginger golden
    guitar hammer health hunter island jacket jungle kitten ladder letter lizard market master meadow memory
    middle minute mirror modern moment monkey mother museum nature number orange palace parent pencil people
    pepper pickle planet pocket potato prince rabbit reason record rescue ribbon rocket saddle school season
    second silver simple singer sister spider spirit spring square street strong summer
    address balloon bedroom blanket brother cabinet captain caption central chicken climate cluster college
    comfort concert cottage country courage cricket crystal curtain diamond dolphin example factory feather
    fiction finance freedom gallery general harvest history holiday husband journey kitchen lantern leather
    library machine mineral morning mustard natural network nothing officer orchard package painter partner
    passage penguin picture pilgrim pioneer plastic popular pottery problem program pumpkin quarter rainbow
    reading science section serious society soldier speaker station stomach student subject success teacher
    thunder tonight traffic trouble uniform village vinegar weather wedding welcome western whisper
    absolute activity airplane alphabet ancestor anything approach argument assembly baseball bathroom birthday
    blizzard brochure building calendar campaign capacity cardinal carnival ceremony champion children chipmunk
    civilian climbing clothing computer constant creature cucumber daughter decision delivery designer dinosaur
    director discount distance election elephant engineer entrance envelope equation evidence exercise familiar
    festival football fountain fragment friendly frontier function gardener generous grateful handbook hospital
    identity industry innocent kangaroo keyboard language lavender lemonade location magazine marriage material
    medicine mountain mushroom national notebook operator ordinary painting parallel peaceful personal physical
    pleasure position possible practice precious pressure princess progress property question railroad relative
    remember research resource romantic sandwich scenario sentence shoulder
    adventure afternoon agreement ambulance apartment astronaut attention available beautiful blueberry boomerang
    breakfast butterfly calculate candidate carpenter celebrate certainly character chemistry chocolate classroom
    community condition confident crocodile croissant dangerous delicious developer different direction discovery
    education encourage equipment essential everybody excellent framework furniture gentleman geography happiness
    highlight household important including insurance interview invention knowledge landscape lightning limestone
    meanwhile microwave necessary newspaper nightmare objective operation orchestra otherwise paragraph passenger
    perfectly pineapple political potential president principal privilege professor raspberry reference sculpture
    secretary signature something sometimes spaghetti structure submarine substance telephone temporary therefore
    thumbnail tradition transport vegetable waterfall wonderful yesterday
    appreciate assessment atmosphere background basketball blackboard boundaries calculator chancellor collection
    commission comparison compassion concerning confidence connection constantly conversion curriculum dictionary
    difference discipline efficiency electronic employment enterprise especially everything experience extinction
    friendship generation gymnastics helicopter historical impossible incredible indication individual inspection
    investment journalist laboratory lighthouse literature meditation motivation motorcycle mysterious navigation
    particular percentage photograph playground playwright population profession properties protection psychology
    quarantine reasonable reputation restaurant revolution scientific screenplay strawberry successful supervisor
    television themselves throughout tournament university vocabulary volleyball vulnerable watermelon wheelchair
    wilderness
    accommodate achievement advertising alternative anniversary application appointment archaeology arrangement
    beautifully bookkeeping bookshelves butterflies calculation caterpillar celebration certificate combination
    comfortable communicate competition complicated concentrate countryside demonstrate development differently
    electrician engineering environment examination expectation experienced explanation fingerprint grasshopper
    hospitality imagination immediately improvement independent information institution instruction intelligent
    interesting investigate lightweight marshmallow masterpiece mathematics measurement nightingale opportunity
    participant partnership performance permanently personality perspective photography possibility preparation
    probability programming punctuation recognition reservation responsible restoration scholarship temperature
    traditional transparent underground unfortunate wheelbarrow
    accidentally accomplished advantageous announcement architecture astronomical breathtaking bureaucratic
    championship circumstance civilization collaborator commercially communicator construction contemporary
    contribution conventional conversation dictatorship disappointed distribution embarrassing encyclopedia
    entrepreneur experimental headquarters hypothetical illustration independence intelligence intermediate
    intervention kindergarten laboratories manufacturer neighborhood nevertheless occasionally organization
    particularly photographer presentation professional psychologist recreational refrigerator relationship
    satisfaction spokesperson subscription sufficiently thanksgiving thunderstorm transmission unbelievable
    """
}
